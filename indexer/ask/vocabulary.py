"""The field's words that the topic reads questions with: words that are never a topic, the
abbreviations and synonyms that make one topic, and the sentence shapes that never answer."""

from __future__ import annotations

import re

from indexer.store.lexical import STOP_WORDS

# Words that say where or how to look, or that every children's services document uses.
GENERIC = frozenset(
    "children child childrens young people person persons family families service services social "
    "care work worker workers local authority authorities council councils councils' report reports "
    "inspection inspections inspector inspectors ofsted say said says saying doing done how well good "
    "what which who whom whose when where why does do did is are was were be been being has have had "
    "the a an in of for on about to with by at from and or their they them this that these those there "
    "any all some many much long often support supported supporting help helped helping quality "
    "practice experience experiences progress effective effectiveness improve improvement improvements "
    "improved area areas get gets got make made think thought find found findings tell told describe "
    "described happen happened happening mention mentioned judge judged judgement judgements judgment "
    "overall latest recent recently last year years time times since before after during into out "
    "there here its it his her our your my can could should would will shall may might must also "
    "than then more most less least very really just only still yet keep kept stop stopped managed "
    "manage way ways approach whether like across within other others new way look looked visit "
    "visits letter letters document documents paper papers article articles inspected against "
    "doing going go number numbers many play plays played role roles part parts carry carries "
    "current use uses provide provides ensure ensures take takes give gives receive receives need "
    "needs include includes handle handles run runs work works offer offers kind kinds able "
    "state states show shows according themselves itself himself herself ourselves over under call "
    "calls brought bring test tests ask asks asked order county city borough metropolitan district "
    "royal london rate rates rated rating ratings grade graded grading "
    "keeping getting making working living taking using giving coming looking trying moving "
    "having seeing ensuring providing dealing "
    # the form of a question, not its topic
    "name names named called stand stands mean means meant share proportion percentage compare "
    "compared previous previously sort type example examples anything something everything ever "
    "never already automatically instead prefer first one two kids result results enough "
    # verb forms without -ed: what happened to the topic, not what it is
    "grew grown caught went gone came come took taken gave given left gotten felt "
    "began begun ran saw seen met paid sent spent lost held led quit became become chose chosen "
    "knew known thought sought fell fallen let put set cut hit shut".split()
)
# Never a topic: the words above and those BM25 never indexes ("while", "off": in no passage, so
# they would look the most telling of all).
NOT_TOPICS = GENERIC | STOP_WORDS
# The field's abbreviations and synonyms: each group is one topic.
SYNONYMS: tuple[frozenset[str], ...] = tuple(
    frozenset(group.split("|"))
    for group in (
        "camhs|mental health|emotional wellbeing|emotional health",
        "uasc|unaccompanied|asylum|asylum-seeking|asylum seeking|refugee|refugees",
        "iro|iros|independent reviewing officer|independent reviewing officers",
        "youth justice|youth offending|yot|youth offending team|youth offending service",
        "plo|public law outline|pre-proceedings|pre proceedings",
        "cse|sexual exploitation|child sexual exploitation|exploitation|criminal exploitation",
        "lado|designated officer|local authority designated officer",
        "mash|multi-agency safeguarding hub|front door",
        "pep|peps|personal education plan|personal education plans",
        "neet|education, employment or training|education, employment and training",
        "send|special educational needs|disabled|disability|disabilities|ehcp|education, health and care plan",
        "care leavers|care leaver|leaving care|leaving-care|care-leavers|care experienced|care-experienced|pathway plan|pathway plans|personal adviser|personal advisers",
        "adoption|adopters|adopter|adoptive|regional adoption agency",
        "fostering|foster carer|foster carers|foster care|foster",
        "caseloads|caseload|workloads|workload",
        "missing|go missing|return home interview|return home interviews",
        "domestic abuse|domestic violence",
        "private fostering|privately fostered",
        "elective home education|electively home educated|home educated",
        "fgm|female genital mutilation",
        "radicalisation|prevent|extremism",
        "dentist|dental",
        "homeless|homelessness",
        "agency staff|agency social workers|agency workers|locum|interim",
        # A lay word and the field's word for the same thing.
        "young carers|young carer",
        "children in care|looked after children|looked-after children|children looked after|looked after|looked-after|lac|cla|cic",
        "staying put|stay put|staying-put",
        "phone|telephone|helpline|phone line|phoneline",
        "night|overnight|out-of-hours|out of hours|24/7|24-hour|24 hour|evening|evenings|weekend|weekends",
        "mosque|mosques|madrassah|madrassahs|madrasah|madrasahs|madrasa|madrasas|supplementary school|supplementary schools",
        "faith|religious|religion|church|churches|mosque|mosques|muslim|christian|jewish|sikh|hindu",
        "successes|achievements|achievement|awards|celebrated|celebration|celebrate",
        "jobs|employment|apprenticeships|apprenticeship|employed|work experience",
        "adviser|advisers|advisor|advisors|personal adviser|personal advisers|pa|pas",
        "teenagers|teenager|teenage|adolescents|adolescent|older children",
        "grandparents|grandparent|relatives|kinship|connected carers|family and friends|family or friends|family and friend|family or friend|special guardianship",
        "bullying|bullied|bully",
        "self-harm|self harm|self-harming|self harming",
        "online|internet|social media",
        "gangs|gang|county lines",
        "knife|knives|weapons|serious violence",
        "trafficked|trafficking|modern slavery",
        "autism|autistic|asd|neurodiverse|neurodiversity",
        "immunisations|immunisation|vaccinations|vaccination",
        "short breaks|short break|respite",
        "exclusions|exclusion|excluded",
        "truancy|attendance|absence|absent",
        "turnover|retention|vacancies|vacancy",
        "drugs|drug|substance misuse|substance use|alcohol",
        "housing|accommodation|tenancy|tenancies",
        "homeless|homelessness|sleep rough|sleeping rough|sleeps rough|rough sleeping|rough sleepers|sofa surfing",
        "doctor|doctors|gp|gps",
        "councillors|councillor|elected members|elected member|lead member|lead members|members",
        "money|funding|funded|budget|budgets|investment|invested|million|pounds|finance|financial",
        "computer|computers|electronic recording|recording system|case recording system|case management system|it system",
        "rosy|optimistic|over-optimistic|overoptimistic|overly positive|over-positive",
        "law|legal|legislation|statutory|regulations",
    )
)
WORD = re.compile(r"[a-z][a-z'’-]*[a-z]|[a-z]")
# Sentences that run the process, not report on children: never an answer.
PROCEDURAL = re.compile(
    r"\b(?:Her|His) Majesty.s Inspectors? for this (?:visit|inspection)|\binspectors? for this visit were\b|"
    r"^(?:\d+(?:\.\d+)*[a-z]?\s+)?Is the recommendation\b|\?\s*(?:Yes|No|N/A)\.?$|\bYours sincerely\b|^Lead inspector\b|^Inspection dates?\b|"
    r"\bThis (?:letter|report) will be published\b|\bwill be published on the Ofsted website\b|"
    r"^(?:Report author|Contact officer|Wards? affected|Key decision|Background papers)\b|"
    r"\bcarried out under section \d+|\bI am copying this letter\b|\bThank you for your help\b",
    re.I,
)
QUANTITY = re.compile(r"\bhow (?:many|much)\b|\bwhat (?:proportion|percentage|number|share)\b", re.I)
NUMBER = re.compile(
    r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|"
    r"hundred|thousand|half|third|quarter)\b",
    re.I,
)
