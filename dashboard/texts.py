"""The dashboard's Dutch words, in one home: its own sentences around sourced figures (each template names the
indicator it shows) and the Dutch names of the codes in the data. Sector names live with the sector codes in
dashboard/data/model/sectors.py; table column headings in dashboard/tables.py."""

# What the werkplan achieved by December 2023 (Kamerbrief voortgang werkplan), in our own words.
WERKPLAN_RESULTS: list[tuple[str, str]] = [
    (
        "voorlopers_onderwijsregio",
        "**{v}** voorloper-onderwijsregio's zijn van start gegaan, plus "
        "**{onderwijsregios_in_oprichting}** in oprichting.",
    ),
    (
        "zij_instromers_met_subsidie",
        "**{v}** zij-instromers kregen in 2023 subsidie: een record, "
        "**{zij_instroom_groei_tov_vorig_jaar}%** meer dan in 2022.",
    ),
    (
        "verhoging_subsidieplafond_zij_instroom",
        "Het subsidieplafond voor zij-instroom ging **{v}** omhoog, zodat alle aanvragen konden worden gehonoreerd.",
    ),
    (
        "sool_aanvragen_toegekend",
        "**{v}** onderwijsondersteuners kregen subsidie (SOOL) om een lerarenopleiding te volgen.",
    ),
    (
        "voorloperregios_met_mbo_als_opleider",
        "Het mbo leidt op in **{v}** van de 27 voorloperregio's; "
        "**{samenwerkingsverbanden_pabo_mbo_keuzedeel}** pabo-mbo-samenwerkingen "
        "bieden het keuzedeel Voorbereiding pabo.",
    ),
    (
        "lwb_bevoegdheidsclusters",
        "Voor het beroepsgerichte vmbo komen **{v}** brede bevoegdheidsclusters "
        "(advies Landelijke Werkgroep Bevoegd overgenomen).",
    ),
    (
        "meerurenbonus_kopgroep_besturen",
        "Een kopgroep van **{v}** schoolbesturen in het po probeert een meerurenbonus uit.",
    ),
    (
        "investering_onderwijsakkoord",
        "**{v}** structureel uit het Onderwijsakkoord voor salarissen po, werkdruk en professionalisering.",
    ),
]

# The five clusters the LWB advised (Kamerbrief dec 2023): four specialist clusters and one generalist.
LWB_CLUSTERS = [
    "Groen",
    "Handel en zakelijke dienstverlening",
    "Techniek en technologie",
    "Zorg en welzijn",
    "Brede oriëntatie (generalistisch)",
]

DEFINITIONS: list[tuple[str, str]] = [
    (
        "Tekort",
        "het aantal fte aan lesuren dat niet (naar tevredenheid) is ingevuld: openstaande vacatures plus "
        "verborgen tekort, in fte of als percentage van de werkgelegenheid (Centerdata).",
    ),
    (
        "Verborgen tekort",
        "uren die wel worden ingevuld, maar niet naar tevredenheid: bijvoorbeeld door "
        "onbevoegden, door groepen samen te voegen of door uren te schrappen.",
    ),
    ("Werkgelegenheid", "het totaal aantal fte aan leraren dat scholen inzetten; de noemer van het tekortpercentage."),
    (
        "Bevoegd / benoembaar / onbevoegd",
        "bevoegd: de leraar heeft de bevoegdheid voor het vak; benoembaar: de leraar "
        "mag tijdelijk lesgeven, bijvoorbeeld tijdens een opleiding; onbevoegd: "
        "geen van beide (IPTO, aandeel van de lessen).",
    ),
    (
        "Zij-instroom",
        "mensen die vanuit een ander beroep leraar worden en binnen twee jaar hun bevoegdheid halen terwijl "
        "ze al lesgeven; scholen krijgen daarvoor subsidie.",
    ),
    (
        "Meting en raming",
        "een meting beschrijft een peildatum in het verleden; een raming is een verwachting. Ze staan "
        "nooit als één lijn in een grafiek: ramingen zijn gestippeld en apart benoemd.",
    ),
    (
        "Arbeidsmarktregio",
        "een van de 35 regio's waarin gemeenten en UWV samenwerken (CBS-indeling 2025); de tekorten "
        "worden per arbeidsmarktregio gepubliceerd, met de vijf grote gemeenten (G5) apart.",
    ),
    (
        "Onderwijsregio",
        "een samenwerkingsverband van schoolbesturen, lerarenopleidingen en de beroepsgroep in een "
        "aaneengesloten gebied; in 2023 27 voorlopers, in 2025 een landelijk dekkend netwerk van 50.",
    ),
]

# Readable labels for the departure reasons (ResearchNed 2023); unknown ids fall back to a cleaned id.
VERTREKREDENEN = {
    "werkdruk_stress_belasting": "Werkdruk, stress en belasting",
    "gebrek_uitdaging_professionele_ontwikkeling": "Gebrek aan uitdaging en ontwikkeling",
    "onvrede_leiding_management_bestuur": "Onvrede over leiding, management of bestuur",
    "gebrek_begeleiding_samenwerking_teamsfeer": "Gebrek aan begeleiding, samenwerking of teamsfeer",
    "onvrede_onderwijskundige_visie_autonomie": "Onvrede over onderwijsvisie of autonomie",
    "onvrede_arbeidsvoorwaarden_salaris": "Onvrede over arbeidsvoorwaarden of salaris",
    "frustratie_eigen_impact": "Frustratie over de eigen impact",
    "werk_prive_niet_combineren": "Werk en privé niet te combineren",
    "autonome_factoren": "Autonome factoren",
    "contract_ontslag": "Einde contract of ontslag",
}

# The three vacancy counts (Behoud & werving), each its own definition: never one series. Indicator -> panel title.
VACATURE_TELLINGEN = {
    "nieuwe_vacatures_schooljaar": "Nieuwe vacatures per schooljaar, heel het onderwijs, alle functies (CBS)",
    "openstaande_vacatures_juli": "Openstaande vacatures in het po aan het eind van het schooljaar (juli)",
    "openstaande_vacatures_uwv": "Bij UWV gemelde openstaande vacatures voor leraren",
}
# Words in a unit that say a figure is approximate ('vacatures (ruim)'): shown before the number.
BENADERINGEN = ("circa", "ruim", "bijna", "ongeveer", "zo'n")

# The kinds of lerarenopleiding, by the code in the URL (opleidingen=pabo,hbo2): the selector, the chart's legend
# and the CSV all say these (metrics.OPLEIDING_CODES maps the same codes to the categorie in the data).
OPLEIDING_LABELS = {
    "pabo": "Pabo (hbo, po)",
    "pwpo": "Wo primair onderwijs (PWPO)",
    "hbo2": "Hbo tweedegraads",
    "hbo1": "Hbo eerstegraads",
    "wo1": "Wo eerstegraads (ULO)",
}

# How reliable a figure is: the code in the data -> what a reader sees.
RELIABILITY_LABELS = {
    "solid": "betrouwbaar (officiële bron)",
    "solid-but-parsed": "betrouwbaar, tabel handmatig ontleed",
    "secondary": "secundair (overgenomen of niet-officiële bron)",
    "derived": "afgeleid uit twee bronnen",
    "uncertain": "onzeker",
}

# What a figure is (indicators.kind, contract.KINDS) -> the word a card, a table and "In woorden" use.
KIND_WORDS = {
    "meting": "meting (officieel gemeten)",
    "bericht": "bericht (cijfer uit een nieuwsbericht of van een sectororganisatie, geen meting)",
    "raming": "raming of schatting (geen meting)",
    "afgeleid": "afgeleid (hier berekend uit andere cijfers)",
}

# An indicator's name in a sentence or a legend.
INDICATOR_LABELS = {
    "tekort_pct": "tekort (% werkgelegenheid)",
    "tekort_fte": "tekort (fte)",
    "tekort_schoolleiding_pct": "tekort schoolleiding (%)",
    "tekort_schoolleiding_fte": "tekort schoolleiding (fte)",
    "geraamd_tekort_fte": "geraamd tekort (fte)",
    "geraamd_tekort_pct": "geraamd tekort (%)",
    "instroom_opleiding": "instroom lerarenopleiding",
    "diplomas_hbo_2e_graads": "diploma's hbo tweedegraads",
    "bevoegd_pct": "bevoegd gegeven lessen (%)",
    "benoembaar_pct": "benoembaar gegeven lessen (%)",
    "onbevoegd_pct": "onbevoegd gegeven lessen (%)",
    "statutory_net_teaching_time": "netto lesuren per jaar",
    "teaching_hours_per_year": "lesuren per jaar",
    "compulsory_instruction_time_students": "verplichte lestijd leerlingen",
}

# The OECD's school levels (as in the data) -> the Dutch names the onderwijstijd page shows.
LEVEL_LABELS = {
    "primary": "basisonderwijs",
    "primary (ISCED 1)": "basisonderwijs",
    "po (primary)": "basisonderwijs",
    "lower secondary (general)": "onderbouw vo",
    "lower secondary": "onderbouw vo",
    "upper secondary (general)": "bovenbouw vo",
    "upper secondary": "bovenbouw vo",
    "vo (secondary)": "vo (alle leerjaren)",
}

# An onderwijsregio's status (as in the data) -> how the profile names it.
STATUS_LABELS = {
    "voorloper": "voorloper (2023)",
    "in oprichting": "in oprichting",
    "onderwijsregio 2025": "onderwijsregio (2025)",
}

# The kind of region a regioprofiel is about, as its title names it.
KIND_LABELS = {
    "onderwijsregio": "Onderwijsregio",
    "eigen regio": "Eigen regio",
    "arbeidsmarktregio": "Arbeidsmarktregio",
}
