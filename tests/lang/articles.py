"""Short diplomatic articles the project wrote in each supported language beside English, with
what a brief of each must find: the states (by country code), the organisations and the people
(by their English names and country codes)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Written:
    title: str
    text: str
    states: frozenset[str]  # country codes
    organisations: frozenset[str]  # English names
    people: dict[str, str | None]  # English name -> country code
    not_states: frozenset[str] = frozenset()  # codes that must not be found
    junk: str | None = None  # a line the summary must leave out


FR = Written(
    "Lavrov et Guterres discutent d'un cessez-le-feu en Ukraine",
    "Le ministre russe des Affaires étrangères Sergueï Lavrov a rencontré lundi à New York le "
    "secrétaire général de l'ONU, António Guterres, pour discuter d'un cessez-le-feu en Ukraine. "
    "Selon un communiqué publié par Moscou, les deux hommes ont évoqué l'échange de prisonniers "
    "et la sécurité de la centrale nucléaire de Zaporijjia. M. Lavrov a accusé l'OTAN et l'UE "
    "de prolonger le conflit en livrant des armes à Kiev. Pékin a salué la rencontre et appelé "
    "à la reprise des négociations.\n"
    "Le président français Emmanuel Macron doit se rendre à Berlin jeudi pour coordonner la "
    "position européenne avec le chancelier allemand. Washington n'a pas encore réagi "
    "officiellement. Les diplomates estiment qu'un accord reste lointain, mais que le dialogue "
    "a repris.\n"
    "Lire aussi : notre dossier sur la guerre en Ukraine.",
    frozenset({"RU", "UA", "CN", "FR", "DE", "US"}),
    frozenset({"United Nations", "NATO", "European Union"}),
    {"Sergei Lavrov": "RU", "António Guterres": "PT", "Emmanuel Macron": "FR"},
    junk="Lire aussi",
)

ES = Written(
    "Lavrov y Guterres abordan un alto el fuego en Ucrania",
    "El ministro de Asuntos Exteriores ruso, Serguéi Lavrov, se reunió el lunes en Nueva York "
    "con el secretario general de la ONU, António Guterres, para hablar de un alto el fuego en "
    "Ucrania. Según un comunicado difundido por Moscú, ambos abordaron el canje de prisioneros y "
    "la seguridad de la central nuclear de Zaporiyia. Lavrov acusó a la OTAN y a la UE de "
    "prolongar el conflicto con el envío de armas a Kiev. Pekín celebró el encuentro y pidió "
    "reanudar las negociaciones.\n"
    "El presidente del Gobierno español, Pedro Sánchez, viajará el jueves a París para "
    "coordinar la posición europea. Washington todavía no ha reaccionado de forma oficial. Los "
    "diplomáticos creen que un acuerdo sigue lejos, pero que el diálogo se ha reanudado.\n"
    "Lea también: todas las claves de la guerra en Ucrania.",
    frozenset({"RU", "UA", "CN", "ES", "FR", "US"}),
    frozenset({"United Nations", "NATO", "European Union"}),
    {"Sergei Lavrov": "RU", "António Guterres": "PT", "Pedro Sánchez": "ES"},
    junk="Lea también",
)

DE = Written(
    "Lawrow und Guterres beraten über Waffenruhe in der Ukraine",
    "Der russische Außenminister Sergej Lawrow hat am Montag in New York UN-Generalsekretär "
    "António Guterres getroffen, um über eine Waffenruhe in der Ukraine zu sprechen. Nach "
    "Angaben aus Moskau ging es auch um einen Gefangenenaustausch und die Sicherheit des "
    "Atomkraftwerks Saporischschja. Lawrow warf der Nato und der EU vor, den Krieg mit "
    "Waffenlieferungen an Kiew zu verlängern. Peking begrüßte das Treffen und rief zu neuen "
    "Verhandlungen auf.\n"
    "Bundeskanzler Friedrich Merz will am Donnerstag von Berlin nach Paris reisen, um die "
    "europäische Haltung abzustimmen. Washington äußerte sich zunächst nicht. Diplomaten "
    "halten eine Einigung für fern, sehen aber einen neuen Gesprächsfaden.\n"
    "Lesen Sie auch: Alle Hintergründe zum Krieg in der Ukraine.",
    frozenset({"RU", "UA", "CN", "DE", "FR", "US"}),
    frozenset({"United Nations", "NATO", "European Union"}),
    {"Sergei Lavrov": "RU", "António Guterres": "PT", "Friedrich Merz": "DE"},
    junk="Lesen Sie auch",
)

PT = Written(
    "Montenegro recebe Guterres e promete apoio à Ucrânia",
    "O primeiro-ministro português, Luís Montenegro, recebeu nesta segunda-feira em Lisboa o "
    "secretário-geral da ONU, António Guterres, para discutir a guerra na Ucrânia. Segundo um "
    "comunicado do governo, os dois falaram sobre a ajuda humanitária e o papel da União "
    "Europeia na reconstrução do país. Montenegro afirmou que Portugal apoiará novas sanções "
    "contra a Rússia. Moscovo reagiu com críticas e acusou a NATO de alimentar o conflito.\n"
    "Pequim pediu contenção a todas as partes. O Brasil ofereceu-se para mediar as negociações "
    "entre as partes. Os diplomatas consideram que a paz continua distante, mas que o diálogo "
    "foi retomado.\n"
    "Leia também: tudo sobre a guerra na Ucrânia.",
    frozenset({"PT", "UA", "RU", "CN", "BR"}),
    frozenset({"United Nations", "NATO", "European Union"}),
    {"Luís Montenegro": "PT", "António Guterres": "PT"},
    not_states=frozenset({"ME"}),
    junk="Leia também",
)

RU = Written(
    "Лавров и Гутерриш обсудили прекращение огня на Украине",
    "Министр иностранных дел России Сергей Лавров в понедельник встретился в Нью-Йорке с "
    "генеральным секретарём ООН Антониу Гутерришем. Стороны обсудили прекращение огня на "
    "Украине и обмен пленными. По словам Лаврова, НАТО и Евросоюз затягивают конфликт, "
    "поставляя оружие Киеву. Пекин приветствовал встречу и призвал к возобновлению "
    "переговоров.\n"
    "Президент Франции Эмманюэль Макрон заявил, что Париж готов принять новый раунд "
    "консультаций. В Вашингтоне пока не дали официальной реакции. Дипломаты считают, что до "
    "соглашения ещё далеко, но диалог возобновился.\n"
    "Читайте также: хроника конфликта на Украине.",
    frozenset({"RU", "UA", "CN", "FR", "US"}),
    frozenset({"United Nations", "NATO", "European Union"}),
    {"Sergei Lavrov": "RU", "António Guterres": "PT", "Emmanuel Macron": "FR"},
    junk="Читайте также",
)

IT = Written(
    "Lavrov e Guterres discutono di un cessate il fuoco in Ucraina",
    "Il ministro degli Esteri russo Sergej Lavrov ha incontrato lunedì a New York il segretario "
    "generale dell'ONU António Guterres per discutere di un cessate il fuoco in Ucraina. "
    "Secondo una nota diffusa da Mosca, i due hanno parlato anche dello scambio di prigionieri. "
    "Lavrov ha accusato la NATO e l'Unione europea di prolungare il conflitto con l'invio di "
    "armi a Kiev. Pechino ha accolto con favore l'incontro e ha chiesto la ripresa dei "
    "negoziati.\n"
    "La presidente del Consiglio Giorgia Meloni ha detto che l'Italia è pronta a sostenere ogni "
    "iniziativa di pace. Washington non ha ancora commentato. Per i diplomatici un accordo resta "
    "lontano, ma il dialogo è ripreso.\n"
    "Leggi anche: tutto sulla guerra in Ucraina.",
    frozenset({"RU", "UA", "CN", "IT", "US"}),
    frozenset({"United Nations", "NATO", "European Union"}),
    {"Sergei Lavrov": "RU", "António Guterres": "PT", "Giorgia Meloni": "IT"},
    junk="Leggi anche",
)

AR = Written(
    "لافروف وغوتيريش يبحثان وقف إطلاق النار في أوكرانيا",
    "التقى وزير الخارجية الروسي سيرغي لافروف يوم الاثنين في نيويورك الأمين العام للأمم المتحدة "
    "أنطونيو غوتيريش لبحث وقف إطلاق النار في أوكرانيا. وقالت موسكو في بيان إن الجانبين ناقشا "
    "تبادل الأسرى وأمن محطة زابوريجيا النووية. واتهم لافروف حلف الناتو والاتحاد الأوروبي "
    "بإطالة أمد الصراع عبر إرسال الأسلحة إلى كييف. ورحبت بكين باللقاء ودعت إلى استئناف "
    "المفاوضات.\n"
    "وأعلنت الرياض استعدادها لاستضافة جولة جديدة من المحادثات بين الطرفين. ولم تصدر واشنطن أي "
    "رد رسمي حتى الآن. ويرى دبلوماسيون أن الاتفاق لا يزال بعيدا، لكن الحوار استؤنف بعد أشهر "
    "من الجمود. فهل تنجح الوساطة هذه المرة؟\n"
    "اقرأ أيضا: كل ما تريد معرفته عن الحرب في أوكرانيا.",
    frozenset({"RU", "UA", "CN", "SA", "US"}),
    frozenset({"United Nations", "NATO", "European Union"}),
    {"Sergei Lavrov": "RU", "António Guterres": "PT"},
    junk="اقرأ أيضا",
)

ZH = Written(
    "拉夫罗夫与古特雷斯讨论乌克兰停火问题",
    "俄罗斯外交部长拉夫罗夫周一在纽约会见了联合国秘书长古特雷斯，双方讨论了乌克兰停火问题。"
    "据莫斯科发表的声明，双方还谈到了交换战俘和扎波罗热核电站的安全问题。"
    "拉夫罗夫指责北约和欧盟通过向基辅运送武器延长冲突。"
    "中国外交部发言人表示，北京欢迎这次会面，并呼吁有关各方尽快恢复谈判。\n"
    "中国国家主席习近平此前曾与法国总统马克龙通电话，就乌克兰局势交换了意见。"
    "华盛顿方面尚未作出正式回应。外交人士认为，达成协议仍很遥远，但对话已经恢复。\n"
    "延伸阅读：乌克兰危机全景回顾。",
    frozenset({"RU", "UA", "CN", "FR", "US"}),
    frozenset({"United Nations", "NATO", "European Union"}),
    {
        "Sergei Lavrov": "RU",
        "António Guterres": "PT",
        "Xi Jinping": "CN",
        "Emmanuel Macron": "FR",
    },
    junk="延伸阅读",
)

ARTICLES: dict[str, Written] = {
    "fr": FR,
    "es": ES,
    "de": DE,
    "pt": PT,
    "ru": RU,
    "it": IT,
    "ar": AR,
    "zh": ZH,
}
