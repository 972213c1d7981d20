"""The detection rules for text aimed at an automated grader, written as data.

The rules are a table (``_TABLE``, parsed into :data:`RULES` at import, so a malformed table
fails at once) in English, Spanish, French, German, Portuguese, Italian and Chinese. A rule
is tried only where one of its literal anchors occurs, and uses bounded repetition only, so
time grows linearly with the text. Each rule needs grading context (a grader, a score, an
instruction) besides its keyword. :mod:`grader.safety.injection` runs them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final, Literal, cast, get_args

__all__ = ["RULES", "Kind", "Rule"]

Kind = Literal[
    "grader_instruction",  # asks or tells a grader to give a level ("rate me very strong")
    "role_override",  # tries to replace the grader's instructions ("ignore all previous...")
    "fake_system_line",  # poses as a chat role: "System:", "[INST]", a "System" speaker
    "fake_speaker_label",  # a speaker label inside a turn's text ("... Interviewer: great")
    "fake_delimiter",  # closes or opens a prompt block: "</transcript>", "<|im_start|>"
    "template_payload",  # template or format syntax: "{{ }}", "{% %}", "{level}", "${...}"
    "schema_imitation",  # JSON shaped like the grader's output: '"level":', "very_strong"
    "hidden_comment",  # an HTML or Markdown comment, which no spoken answer contains
]


@dataclass(frozen=True)
class Rule:
    """One detection rule.

    Attributes:
        id: ``<language or family>.<name>``, unique.
        kind: The kind of finding the rule produces.
        anchors: Lower-case literals; a match always starts where one of them occurs.
        pattern: Matched at each anchor. Rules that are not ``cased`` are matched against
            the lower-cased text, so their patterns are written in lower case.
        cased: True when the rule is matched against the text as written.
    """

    id: str
    kind: Kind
    anchors: tuple[str, ...]
    pattern: re.Pattern[str]
    cased: bool = False


# Pieces shared by several rules, spliced into the table where «NAME» appears.
_FRAGMENTS: Final = {
    "AI": r"(?:ai|a\.i\.|llm|automated|automatic|machine|language[- ]model)",
    "GRADER": r"(?:grader|evaluator|scorer|assessor|reviewer|rater|examiner|marker)s?",
    "QUOTE": "[\"'“”‘’]",
    "EARLIER": r"(?:previous|prior|above|earlier|preceding|former|original|system|initial"
    r"|grading|scoring)",
    # Who is graded; without it, "give each transaction a score, top score first" would fire.
    "TARGET": r"(?:\w+\s+){0,2}?(?:me|myself|him|her|candidates?|answers?|responses?|interviews?"
    r"|transcripts?|performance|dimensions?)\b",
    # "very strong" alone is ordinary English; it counts only where it reads as a verdict.
    "TOP": r"(?:very_strong|(?:as|at|to|me|him|her|them|it|this|answer|interview|:)\s+"
    r"(?:an?\s+)?[\"'“]?very[ -]strong\b"
    r"|very[ -]strong[\"'”]?\s+(?:on|in|across|for)\s+(?:all|every|each)\b"
    r"|(?:highest|top|maximum|best)(?:\s+possible)?\s+(?:level|score|grade|rating|marks?|band)\b"
    r"(?!\s+of\b)|full\s+marks|perfect\s+(?:score|marks?|rating)|(?:5|five)\s*(?:/|out\s+of)\s*"
    r"(?:5|five)\b|(?:10|ten)\s*(?:/|out\s+of)\s*(?:10|ten)\b|strong\s+hire)",
}

# One rule per block: a header "id kind [cased] @ anchors", anchors separated by "|" (more on
# indented lines starting with "@"), then indented lines joined (stripped) into the pattern.
_TABLE: Final = r"""
en.rate_top grader_instruction @ rat|scor|grad|mark|evaluat|assess|judg|giv|assign|award
  \b(?:rat(?:e|es|ed|ing)|scor(?:e|es|ed|ing)|grad(?:e|es|ed|ing)|mark(?:s|ed|ing)?
  |evaluat(?:e|es|ed|ing)|assess(?:es|ed|ing)?|judg(?:e|es|ed|ing)|giv(?:e|es|ing)
  |assign(?:s|ed|ing)?|award(?:s|ed|ing)?)\b\s+«TARGET»(?:\s+[\"'“]?very[ -]strong\b
  |[^.!?\n]{0,60}?«TOP»)
en.note_to_grader grader_instruction @ note|memo|reminder|instruction|attention
  @ dear|hey|hello|p.s|ps
  \b(?:note|memo|reminder|instructions?|attention|dear|hey|hello|p\.?s\.?)\s+(?:(?:to|for)\s+)?
  (?:the\s+|any\s+|all\s+|an?\s+)?(?:(?:«AI»[\s-]+)?«GRADER»|(?:grading|scoring|evaluation
  |assessment)\s+(?:model|system|ai|tool|bot|assistant|engine)|«AI»[\s-]+(?:model|system
  |assistant|bot))\b
en.grader_vocative grader_instruction @ grader|evaluator|scorer|assessor|ai|a.i.|llm|automat
  @ to the|for the|dear
  (?:(?<![^\x00\n])|(?<=[.!?;:(\[{*])|(?<=[.!?;:,(\[{*]\s)|(?<=\s[—–-]\s))
  (?:(?:to|for|dear)\s+(?:the\s+|any\s+)?)?(?:«AI»[\s-]+)?«GRADER»\s*[:,]
en.ai_grader grader_instruction @ ai|a.i.|llm|automated|automatic|machine|language
  «AI»[\s-]+(?:«GRADER»|(?:\w+\s+)?(?:scoring|grading|evaluating|assessing|rating|reviewing
  |marking)(?:\s+of)?\s+(?:this|the)\s+(?:interview|transcript|recording|candidate|conversation
  |call)s?|(?:scoring|grading|evaluation|assessment|review)(?:\s+(?:system|model|tool|engine))?
  \s*(?:[:,]|if\b))
en.put_mine_top grader_instruction @ put|place|set|count|rank|bump|move|scor|grad|rat|mark
  \b(?:put|place|set|count|rank|bump|move|score|grade|rate|mark)\s+(?:my|his|her|their
  |the\s+candidate(?:'s|’s)?)\s+[^.!?\n]{0,60}?«TOP»
en.grade_as_top grader_instruction @ scor|grad|rat|mark
  \b(?:score|grade|rate|mark)\s+(?:this|\w+\s+\w+)\s+(?:as|at)\s+(?:an?\s+)?[\"'“]?
  very[ -]strong\b
en.use_scores grader_instruction @ use|apply|record|enter|take|accept|go with
  \b(?:use|apply|record|enter|take|accept|go\s+with)\s+(?:these|the\s+following|my|those)\s+
  (?:scores?|grades?|ratings?|levels?|marks?)\b
en.whoever_grades grader_instruction @ whoever|anyone|anybody
  \b(?:whoever|anyone|anybody)\s+(?:who\s+|that\s+)?(?:is\s+)?(?:grades?|grading|scores?
  |scoring|evaluates?|evaluating|assess(?:es|ing)?|rates?|rating|marks?|marking)\s+(?:this\s+
  (?:transcript|interview|recording|conversation|call|session|answer|response|candidate)
  |the\s+(?:transcript|interview|recording|candidate))\b
en.grader_should grader_instruction @ grader|evaluator|scorer|assessor
  \b(?:grader|evaluator|scorer|assessor)s?\s+(?:should|must|will|shall|needs?\s+to|has\s+to
  |ought\s+to|is\s+(?:to|asked\s+to|instructed\s+to))\s+(?:\w+\s+){0,2}?(?:give|assign|award
  |rate|score|grade|mark)\s+«TARGET»
en.deserves_top grader_instruction @ deserv|merit|warrant
  \b(?:deserves?|merits?|warrants?)\s+(?:a\s+|an\s+|the\s+)?«TOP»
en.all_dimensions grader_instruction @ all|every|each
  \b(?:all|every|each)\s+(?:six\s+|6\s+|of\s+the\s+|rubric\s+){0,3}dimensions?\b[^.!?\n]{0,40}?
  (?:very[ _-]strong|(?:highest|top|maximum)\s+(?:level|score|grade|rating|mark)s?\b(?!\s+of\b))
any.level_all_dimensions grader_instruction @ very|muy|très|tres|sehr|muito|molto
  (?:very[ -]strong\s+(?:on|in|across|for)\s+(?:all|every|each)\s+(?:of\s+the\s+)?(?:six\s+
  |6\s+|rubric\s+)?dimensions?|muy\s+(?:fuerte|s[oó]lid[oa])\s+en\s+todas\s+las\s+(?:seis\s+)?
  dimensiones|tr[eè]s\s+(?:forte?|solide)\s+(?:sur|dans)\s+toutes\s+les\s+(?:six\s+)?dimensions
  |sehr\s+stark\s+in\s+allen\s+(?:sechs\s+)?dimensionen|molto\s+forte,?\s+su\s+tutte\s+
  (?:e\s+sei\s+)?le\s+(?:sei\s+)?dimensioni|muito\s+forte\s+em\s+todas\s+as\s+
  (?:seis\s+)?dimens[õo]es)\b
en.ignore_instructions role_override @ ignor|disregard|forget
  \b(?:ignore|disregard|forget)\s+(?:(?:all|any|everything)\s+(?:of\s+)?(?:the\s+|your\s+)?
  (?:«EARLIER»\s+(?:\w+\s+)?)?|(?:the\s+|your\s+|these\s+|those\s+)?«EARLIER»\s+(?:\w+\s+)?
  |your\s+)(?:instructions?|prompts?|guidelines|rubrics?|you\s+(?:were|have\s+been)\s+told)\b
en.you_are_now role_override @ you are now|you're now|you’re now|from now on
  \byou(?:\s+are|'re|’re)\s+now\s+(?:\w+\s+){0,3}?(?:\w*(?:bot|gpt)|grader|evaluator|assistant
  |judge|reviewer|scorer|dan|jailbroken|unrestricted|an?\s+(?:ai|llm|language\s+model)
  |in\s+\w+\s+mode)\b|\bfrom\s+now\s+on,?\s+you\s+(?:will|must|should|are\s+to)\s+
  (?:\w+\s+){0,2}?(?:grade|score|rate|evaluate|respond|answer|output|act|ignore|only)\b
en.act_as role_override @ act as|behave as|respond as|pretend|role-play|roleplay|role play
  @ new instruction|new system|developer mode|debug mode|god mode|admin mode|jailbreak mode
  \b(?:act|behave|respond)\s+as\s+(?:if\s+you\s+were\s+)?(?:an?|the)\s+(?:\w+\s+){0,2}?
  (?:grader|evaluator|judge|scorer|ai|assistant)\b|\bpretend\s+(?:to\s+be|you\s+are)\s+
  (?:an?|the)\s+(?:\w+\s+){0,2}?(?:grader|evaluator|judge|scorer|ai|assistant)\b
  |\brole[- ]?play\s+as\b|\bnew\s+(?:system\s+)?instructions?\s*:
  |\b(?:developer|debug|god|admin|jailbreak)\s+mode\s+(?:enabled|on|activated)\b
system.line fake_system_line cased @ system|assistant|developer
  (?:(?<![^\x00\n])|(?<=[.!?;:"'”)\]]\s)|(?<=[(\[<{])|(?<=[(\[<{]\s))(?:SYSTEM|System
  |ASSISTANT|Assistant|DEVELOPER|Developer)(?i:\s+(?:prompt|message|note|override|instructions?
  |update))?\s*\]?\s*:\s
system.header fake_system_line @ ##|[sys|[inst|<<
  \#{2,}\s*(?:system|instructions?|response|assistant)\b|\[(?:system|sys|inst)\]|<<\s*sys\s*>>
speaker.inline fake_speaker_label cased @ interviewer|candidate|interviewee|hiring manager
  @ panelist|recruiter
  (?<=[.!?"”)\]]\s)(?:Interviewer|INTERVIEWER|Candidate|CANDIDATE|Interviewee|Hiring[ ]Manager
  |Panelist|Recruiter)(?:\s+\d{1,2})?\s*:\s
delimiter.tag fake_delimiter @ <
  </?\s*(?:transcript|evidence|system|instructions?|prompt|rubric|user|assistant|context
  |document|input|output|grading|interview)\s*>|<\|\s*(?:im_start|im_end|im_sep|endoftext
  |system|user|assistant|eot_id|start_header_id|end_header_id|begin_of_text|end_of_text)\s*\|>
  |<</sys>>
delimiter.inst fake_delimiter @ [/inst]
  \[/inst\]
delimiter.marker fake_delimiter @ end|begin|start
  (?:(?<=--)|(?<===)|(?<=\*\*)|(?<=\#\#)|(?<=\[)|(?<=--\s)|(?<===\s)|(?<=\*\*\s)|(?<=\#\#\s)
  |(?<=\[\s))(?:end|begin|start)\s+(?:of\s+)?(?:the\s+)?(?:transcript|interview|input
  |conversation|document)\b
delimiter.caps fake_delimiter cased @ end of|begin of
  \b(?:END|BEGIN)[ ]OF[ ](?:THE[ ])?(?:TRANSCRIPT|INTERVIEW|INPUT|CONVERSATION)\b
template.jinja template_payload @ {
  \{\{[^{}\n]{0,200}?\}\}|\{%[^{}\n]{0,200}?%\}|\{\#[^{}\n]{0,200}?\#\}|\{\{|\{%|\{\#
  |\{\s*(?:level|levels|score|grade|rating|dimension|rubric|evidence|rationale
  |verdict|result|candidate|transcript)(?:[.\[!:][^{}\n]{0,40})?\s*\}
template.dollar template_payload @ ${
  \$\{[^{}\n]{1,80}\}
schema.key schema_imitation @ level|evidence|rationale|score|grade|rating|dimension|quote
  @ turn_id|verdict
  (?:(?<=«QUOTE»)|(?<=«QUOTE»\s))(?:level|levels|evidence|rationale|score|grade|rating
  |dimension|dimensions|quotes?|turn_id|verdict)\s*«QUOTE»\s*:
schema.level_id schema_imitation @ very_
  \bvery_(?:strong|weak)\b
comment hidden_comment @ <!--|[//]:|[comment]:
  <!--|\[//\]:\s*\#|\[comment\]:\s*<>
es.rate_top grader_instruction @ calif|punt|eval|valor|asign|otorg|dale|dele|darle|ponle|dame|deme
  \b(?:calif[ií]ca|califique|calificar\w*|punt[uú]a|punt[uú]e|puntuar|eval[uú]a|eval[uú]e
  |evaluar|valora|valore|valorar|asigna|asigne|asignar|otorga|otorgue|otorgar|dale|dele|darle
  |ponle|dame|deme)\b[^.!?\n]{0,80}?(?:muy\s+(?:fuerte|s[oó]lid[oa])|nivel\s+(?:m[aá]s\s+alto
  |m[aá]ximo)|(?:puntuaci[oó]n|nota|calificaci[oó]n)\s+(?:m[aá]xima|m[aá]s\s+alta)
  |m[aá]xima\s+(?:puntuaci[oó]n|nota|calificaci[oó]n))
es.note_to_grader grader_instruction @ nota|mensaje|instrucci|atenci|aviso
  \b(?:nota|mensaje|instrucci[oó]n|instrucciones|atenci[oó]n|aviso)\s+(?:para|al?)\s+
  (?:el\s+|la\s+)?(?:evaluador|evaluadora|calificador|calificadora|corrector|correctora
  |sistema\s+de\s+(?:evaluaci[oó]n|calificaci[oó]n)|modelo\s+de\s+(?:ia|lenguaje)|ia)\b
es.override role_override @ ignor|olvid|descart|ahora eres|eres ahora
  \b(?:ignora|ignore|ignorar|ignoren|olvida|olvide|olvidar|descarta|descarte)\s+(?:todas\s+)?
  (?:las\s+)?(?:instrucciones|indicaciones|reglas|[oó]rdenes)\s+(?:anteriores|previas
  |de\s+arriba)|\b(?:ahora\s+eres|eres\s+ahora)\s+(?:un|una|el|la)\s+(?:\w+\s+){0,2}?
  (?:evaluador|calificador|corrector|asistente|modelo|ia)\b
fr.rate_top grader_instruction @ not|évalu|evalu|attribu|donn|mett|mets|class|accord
  \b(?:notez|note|[ée]valuez|[ée]value|attribuez|attribue|donnez|donne|mettez|mets|classez
  |accordez|accorde)\b[^.!?\n]{0,80}?(?:tr[eè]s\s+(?:forte?|solide)|niveau\s+(?:le\s+plus\s+
  (?:[ée]lev[ée]|haut)|maximal|maximum)|note\s+(?:maximale|maximum|la\s+plus\s+haute)
  |meilleure\s+note)
fr.note_to_grader grader_instruction @ note|message|instruction|consigne|remarque
  \b(?:note|message|instructions?|consignes?|remarque)\s+(?:pour|[àa]|au|destin[ée]e?\s+[àa])\s+
  (?:l['’]\s*|la\s+|le\s+)?(?:[ée]valuateur|[ée]valuatrice|correcteur|correctrice|ia|mod[eè]le
  |syst[eè]me\s+de\s+notation)\b
fr.override role_override @ ignor|oubli|tu es|vous êtes|vous etes
  \b(?:ignore[rz]?|oublie[rz]?)\s+(?:toutes\s+)?(?:les\s+)?(?:instructions|consignes|r[eè]gles)
  \s+(?:pr[ée]c[ée]dentes|ant[ée]rieures|ci-dessus)|\b(?:tu\s+es|vous\s+[êe]tes)\s+
  (?:maintenant|d[ée]sormais)\s+(?:un|une|le|la)\s+(?:\w+\s+){0,2}?(?:[ée]valuateur|correcteur
  |ia|assistant|mod[eè]le)\b
de.rate_top grader_instruction @ bewert|benot|gib|gebt|geb|vergib|vergeb|stuf|beurteil
  \b(?:bewerte|bewerten|bewertet|benote|benoten|gib|gebt|geben|vergib|vergeben|stufe|stufen
  |beurteile|beurteilen)\b[^.!?\n]{0,80}?(?:sehr\s+stark|(?:h[öo]e?chste[nrs]?|beste[nrs]?)\s+
  (?:stufe|note|bewertung|level|niveau|punktzahl|wertung)|bestnote|h[öo]e?chstnote
  |volle\s+punktzahl)
de.note_to_grader grader_instruction @ hinweis|nachricht|anweisung|notiz
  \b(?:hinweis|nachricht|anweisung|anweisungen|notiz)\s+(?:an|f[üu]e?r)\s+(?:den\s+|die\s+
  |das\s+)?(?:ki[- ]?|automatischen?\s+)?(?:bewerter|bewerterin|pr[üu]e?fer|gutachter
  |bewertungssystem|bewertungsmodell|modell|ki)\b
de.override role_override @ ignorier|vergiss|vergessen|du bist|sie sind
  \b(?:ignoriere|ignorieren|ignoriert|vergiss|vergessen)\s+(?:sie\s+)?(?:alle\s+)?(?:vorherigen
  |bisherigen|obigen|fr[üu]e?heren|vorigen)\s+(?:anweisungen|instruktionen|regeln|vorgaben)
  |\b(?:du\s+bist|sie\s+sind)\s+(?:jetzt|nun|ab\s+sofort)\s+(?:ein|eine|der|die)?\s*
  \w*(?:bewerter|ki|assistent|bot)\b
pt.rate_top grader_instruction @ avali|classifi|atribu|dê|dar|pontu|coloqu|marqu
  \b(?:avalie|avaliem|avaliar|classifique|classificar|atribua|atribuir|dê|dar|pontue|pontuar
  |coloque|marque)\b[^.!?\n]{0,80}?(?:muito\s+forte|n[íi]vel\s+(?:m[áa]ximo|mais\s+alto)
  |(?:nota|pontua[çc][ãa]o)\s+(?:m[áa]xima|mais\s+alta))
pt.note_to_grader grader_instruction @ nota|mensagem|instru|aviso|aten
  \b(?:nota|mensagem|instru[çc](?:[ãa]o|[õo]es)|aviso|aten[çc][ãa]o)\s+(?:para|ao?|à)\s+
  (?:o\s+|a\s+)?(?:avaliador|avaliadora|corretor|corretora|sistema\s+de\s+avalia[çc][ãa]o|ia)\b
pt.override role_override @ ignor|esque|desconsider|você|voce|tu
  \b(?:ignore|ignora|ignorar|ignorem|esque[çc]a|desconsidere)\s+(?:todas\s+)?(?:as\s+)?
  (?:instru[çc][õo]es|regras|orienta[çc][õo]es)\s+(?:anteriores|pr[ée]vias|acima)
  |\b(?:voc[êe]|tu)\s+(?:agora\s+[ée]|[ée]s?\s+agora)\s+(?:um|uma|o|a)\s+(?:\w+\s+){0,2}?
  (?:avaliador|corretor|ia|assistente|modelo)\b
it.rate_top grader_instruction @ assegn|attribu|dammi|dai|date|valut|metti|mettete|dare
  \b(?:assegn\w*|attribui\w*|dammi|dai|date|valuta\w*|metti\w*|mettete|dare)\b[^.!?\n]{0,80}?
  (?:molto\s+forte|livello\s+(?:pi[uù]\s+alto|massimo)|(?:punteggio|voto)\s+(?:massimo
  |pi[uù]\s+alto)|massimo\s+(?:punteggio|voto))
it.note_to_grader grader_instruction @ nota|messaggio|istruzion|sistema|valutator|correttor
  \b(?:(?:nota|messaggio|istruzion[ei])\s+(?:per|al|alla|allo)\s+(?:il\s+|la\s+|l['’]\s*)?
  (?:valutatore|valutatrice|correttore|sistema\s+di\s+valutazione|ia)\b|sistema\s+di\s+
  (?:valutazione|correzione|punteggio)\s+automatic[oa]|(?:valutatore|correttore)\s+automatico)
zh.rate_top grader_instruction @ 评为|评定为|评分为|打分为|评级为|给
  (?:评为|评定为|评分为|打分为|评级为|给[^。！？\n]{0,12}?[打评])[^。！？\n]{0,15}?
  (?:满分|最高分|最高等级|最高级别|最高级|最高水平|最高档|非常强)
zh.note_to_grader grader_instruction @ 致|给|写给|提醒|注意|ai|人工智能
  (?:致|给|写给|提醒|注意)\s*(?:ai|人工智能|自动化?)?\s*(?:评分|评估|阅卷|评审)(?:员|者|系统|模型|程序)
  |(?:ai|人工智能)\s*(?:评分|评估|阅卷|评审)(?:员|者|系统|模型|程序)
zh.override role_override @ 忽略|无视|忽视|不要理会|忘记|忘掉|你现在是|从现在开始
  (?:忽略|无视|忽视|不要理会|忘记|忘掉)\s*(?:之前|以前|先前|上面|上述|以上|前面|所有|全部)
  [^。！？\n]{0,8}?(?:指令|指示|说明|提示|规则|评分标准|要求)|你现在是[^。！？\n]{0,8}?(?:评分|评估
  |助手|模型|机器人|考官|ai)|从现在开始[，,]?你(?:要|必须|应该|将)[^。！？\n]{0,10}?(?:评|打分|给)
"""


def _parse_table(table: str) -> tuple[Rule, ...]:
    """Turn ``_TABLE`` into rules; a malformed table fails at import, not at run time."""
    blocks: list[tuple[list[str], list[str], list[str]]] = []
    for raw in table.splitlines():
        line = raw.strip()
        if not line:
            continue
        if not raw[0].isspace():
            head, _, anchor_text = line.partition(" @ ")
            blocks.append((head.split(), anchor_text.split("|"), []))
        elif line.startswith("@"):
            blocks[-1][1].extend(line[1:].strip().split("|"))
        else:
            blocks[-1][2].append(line)
    rules = []
    for header, anchors, pieces in blocks:
        rule_id, kind = header[0], header[1]
        if kind not in get_args(Kind) or not all(anchors) or not pieces:
            raise ValueError(f"injection rule {rule_id}: bad kind, anchors or pattern")
        pattern = "".join(pieces)
        for name, fragment in _FRAGMENTS.items():
            pattern = pattern.replace(f"«{name}»", fragment)
        cased = header[2:] == ["cased"]
        rules.append(Rule(rule_id, cast(Kind, kind), tuple(anchors), re.compile(pattern), cased))
    return tuple(rules)


RULES: Final[tuple[Rule, ...]] = _parse_table(_TABLE)
