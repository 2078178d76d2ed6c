"""The bot's features, one cog per module; modules starting with `_` are helpers, not cogs."""
