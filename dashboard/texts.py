"""The dashboard's own sentences around sourced figures. Each template names the indicator it shows."""

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
