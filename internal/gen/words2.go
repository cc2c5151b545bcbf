package gen

import "strings"

// Wider banks, so that a corpus has the vocabulary of real reporting and
// search benchmarks do not run over a few hundred words. Entries are
// separated by "|".

func bankOf(s string) []string {
	parts := strings.Split(s, "|")
	for i, p := range parts {
		parts[i] = strings.TrimSpace(p)
	}
	return parts
}

var towns = bankOf(`Aldershot|Alnwick|Andover|Ashford|Aylesbury|Banbury|Barnstaple|Barrow|Basildon|Basingstoke|Bedford|Berwick|Beverley|Bideford|Bishop Auckland|Blackburn|Blackpool|Bodmin|Bognor|Bolton|Boston|Bournemouth|Bracknell|Bradford|Braintree|Bridgwater|Bridlington|Brighton|Burnley|Bury|Buxton|Cambridge|Canterbury|Carlisle|Chatham|Chelmsford|Cheltenham|Chester|Chesterfield|Chichester|Chorley|Cirencester|Clacton|Colchester|Congleton|Corby|Coventry|Crawley|Crewe|Darlington|Dartford|Derby|Dewsbury|Doncaster|Dorchester|Dover|Dudley|Durham|Eastbourne|Ely|Epsom|Evesham|Exeter|Falmouth|Fareham|Farnborough|Folkestone|Frome|Gainsborough|Gateshead|Gillingham|Gloucester|Goole|Gosport|Grantham|Gravesend|Grimsby|Guildford|Halifax|Harlow|Harrogate|Hartlepool|Hastings|Hereford|Hexham|High Wycombe|Hinckley|Huddersfield|Huntingdon|Ipswich|Keighley|Kendal|Kettering|Kidderminster|King's Lynn|Lancaster|Leamington|Leek|Leominster|Lichfield|Lincoln|Loughborough|Lowestoft|Ludlow|Luton|Macclesfield|Maidstone|Malton|Mansfield|Margate|Market Harborough|Melton Mowbray|Middlesbrough|Minehead|Morecambe|Newark|Newbury|Newquay|Northallerton|Northampton|Nuneaton|Oldham|Ormskirk|Oswestry|Penrith|Penzance|Peterborough|Pontefract|Poole|Preston|Reading|Redditch|Redruth|Retford|Rochdale|Rotherham|Rugby|Salisbury|Scarborough|Scunthorpe|Shrewsbury|Skegness|Skipton|Slough|Southport|Stafford|Stevenage|Stockport|Stroud|Sunderland|Swindon|Tamworth|Taunton|Telford|Tewkesbury|Thetford|Tiverton|Torquay|Truro|Tunbridge Wells|Wakefield|Walsall|Warrington|Watford|Wellingborough|Weston-super-Mare|Weymouth|Whitby|Whitehaven|Wigan|Winchester|Withernsea|Woking|Wolverhampton|Worcester|Workington|Worksop|Worthing|Yeovil|Abingdon|Accrington|Alfreton|Altrincham|Amersham|Arundel|Ashbourne|Atherstone|Axminster|Bakewell|Baldock|Barnsley|Batley|Bexhill|Bicester|Biggleswade|Bingley|Blandford|Blyth|Bootle|Bourne|Brackley|Bridport|Brigg|Brixham|Bromsgrove|Buckingham|Bungay|Burford|Burton|Calne|Camborne|Chard|Chippenham|Chipping Norton|Cleethorpes|Clitheroe|Coalville|Cockermouth|Consett|Cowes|Cromer|Daventry|Dawlish|Devizes|Didcot|Diss|Dorking|Driffield|Droitwich|Dunstable|Egremont|Evesham|Exmouth|Fakenham|Faversham|Felixstowe|Fleetwood|Frodsham|Glossop|Godalming|Grange|Guisborough|Hailsham|Halstead|Harwich|Haslemere|Helston|Henley|Hitchin|Holbeach|Honiton|Horsham|Hove|Hunstanton|Ilkley|Ilfracombe|Kenilworth|Keswick|Launceston|Ledbury|Leyland|Liskeard|Louth|Lymington|Maldon|Malvern|Marlborough|Matlock|Midhurst|Morpeth|Nantwich|Northwich|Okehampton|Oundle|Pershore|Petersfield|Pickering|Redcar|Reigate|Ripon|Romsey|Ross-on-Wye|Rye|Saffron Walden|Seaham|Selby|Sevenoaks|Shaftesbury|Sherborne|Sleaford|Spalding|Stamford|Stowmarket|Sudbury|Swanage|Tadcaster|Tavistock|Tenterden|Thirsk|Tonbridge|Towcester|Uckfield|Ulverston|Uttoxeter|Wantage|Warminster|Wetherby|Whitstable|Wimborne|Wisbech|Witney|Woodbridge|Wymondham`)

var conditions = bankOf(`diabetes|sepsis|heart failure|chronic obstructive pulmonary disease|asthma|dementia|stroke|hip fractures|breast cancer|bowel cancer|prostate cancer|lung cancer|kidney disease|cataracts|glaucoma|macular degeneration|epilepsy|multiple sclerosis|Parkinson's disease|motor neurone disease|arthritis|osteoporosis|pneumonia|bronchiolitis|meningitis|hepatitis|cirrhosis|pancreatitis|appendicitis|gallstones|hernias|varicose veins|angina|atrial fibrillation|hypertension|anaemia|leukaemia|lymphoma|melanoma|psoriasis|eczema|cellulitis|pressure ulcers|urinary infections|incontinence|depression|anxiety|psychosis|schizophrenia|bipolar disorder|eating disorders|learning disabilities|autism|frailty|falls|obesity|malnutrition|dehydration|delirium|head injuries|burns|fractures|sprains|concussion|pre-eclampsia|gestational diabetes|premature births|jaundice|croup|tonsillitis|glue ear|hearing loss|tinnitus|vertigo|migraine|back pain|sciatica|carpal tunnel syndrome|knee replacements|hip replacements|cataract surgery|tonsillectomies|endoscopies|colonoscopies|biopsies|blood transfusions|chemotherapy|radiotherapy|dialysis|physiotherapy referrals|vaccinations`)

var itNouns = bankOf(`interface engine|integration layer|middleware|data warehouse|clinical portal|single sign-on|smartcard authentication|virtual desktop|thin-client terminals|wireless network|server room|storage array|backup regime|disaster recovery site|firewall|patching schedule|network switches|fibre links|mobile devices|tablet computers|barcode scanners|wristband printers|label printers|document scanning|electronic forms|order sets|care pathways|clinical decision support|drug database|allergy alerts|early warning scores|handover tool|whiteboard screens|patient flow dashboard|activity returns|reference data|master patient index|demographics service|message broker|HL7 feeds|FHIR interfaces|application programming interfaces|test environment|training environment|cutover plan|dress rehearsal|data cleansing|migration scripts|legacy archive|audit logs|access controls|role-based access|password resets|help desk tickets|change requests|release notes|upgrade path|hosting contract|service level agreement|cloud platform|virtual servers|web browser|desktop estate|operating system|software licences|hardware refresh|cabling|power supply|telephony|bleep system|paging system|speech recognition|dictation software|digital pens|e-learning modules|floorwalkers|command centre|war room|issues log|risk register|benefits register|programme plan|project board|design authority|clinical safety case|hazard log|penetration test|vulnerability scan|encryption|remote access|video consultations|text reminders|patient app|online booking|digital letters|shared care record|summary record|regional exchange|data sharing agreement`)

var descriptors = bankOf(`awkward|brittle|cautious|clunky|cumbersome|deliberate|diligent|disjointed|dogged|eager|erratic|fiddly|fragile|frantic|frustrating|gradual|haphazard|hasty|hectic|hesitant|honest|impatient|incremental|inflexible|intuitive|laborious|lengthy|makeshift|meticulous|modest|muddled|nervous|opaque|orderly|painstaking|patchy|piecemeal|pragmatic|precarious|prudent|punishing|reassuring|reluctant|resilient|responsive|robust|rudimentary|rushed|sceptical|sensible|sluggish|sobering|sporadic|steady|stubborn|systematic|tentative|thorough|tiresome|tortuous|transparent|unforgiving|unpredictable|unwieldy|uneven|unglamorous|vigilant|volatile|wary|welcome|worrying|zealous|candid|bruising|chaotic|conservative|exhaustive|fraught|gruelling|ill-timed|lukewarm|overdue|overstretched|promising|radical|relentless|shaky|tangible|turbulent|unexpected|unrealistic|unsustainable|upbeat|vague|belated|brisk|cordial|decisive|fierce`)

var adverbs = bankOf(`broadly|carefully|cautiously|clearly|consistently|crucially|eventually|evidently|frankly|gradually|hastily|inevitably|initially|largely|notably|noticeably|ostensibly|partly|plainly|predictably|privately|publicly|quietly|rapidly|reluctantly|repeatedly|routinely|separately|significantly|steadily|strikingly|subsequently|surprisingly|tellingly|understandably|unusually|visibly|widely|belatedly|candidly|openly|tentatively|crucially|ironically|meanwhile|nonetheless|otherwise|previously|similarly|ultimately`)

var verbsPast = bankOf(`abandoned|accelerated|acknowledged|adapted|adjusted|agreed|amended|analysed|anticipated|approved|assessed|audited|authorised|benchmarked|briefed|calculated|challenged|championed|clarified|commissioned|compared|compiled|completed|concluded|configured|consolidated|consulted|coordinated|criticised|curtailed|debated|decommissioned|deferred|delegated|demonstrated|deployed|described|designed|dismissed|documented|downgraded|drafted|endorsed|escalated|estimated|evaluated|examined|expanded|explored|finalised|flagged|formalised|highlighted|identified|implemented|improved|inherited|inspected|investigated|launched|monitored|negotiated|outlined|overhauled|piloted|postponed|prioritised|published|questioned|ratified|rebuilt|recalculated|reconciled|recruited|redesigned|refined|reinstated|rejected|renegotiated|reorganised|replaced|reported|rescheduled|resolved|restructured|reviewed|revised|scrutinised|simplified|standardised|streamlined|strengthened|submitted|summarised|supported|tested|tightened|tracked|trialled|underlined|updated|upgraded|validated|verified|welcomed|withdrew`)

var abstractNouns = bankOf(`accountability|accuracy|adoption|affordability|alignment|ambition|assurance|availability|capability|capacity|clarity|collaboration|compliance|confidence|consistency|continuity|coordination|credibility|culture|dependency|discipline|diversity|efficiency|engagement|equity|expertise|feasibility|flexibility|governance|headroom|integrity|interoperability|leadership|legitimacy|liability|literacy|maturity|momentum|morale|motivation|ownership|oversight|participation|performance|portability|priority|probity|productivity|proportionality|readiness|reliability|reputation|resilience|responsiveness|scalability|scrutiny|security|sustainability|throughput|timeliness|traceability|transparency|trust|usability|utilisation|visibility|vulnerability|workflow|workload|benchmarking|budgeting|commissioning|contingency|cutover|decommissioning|forecasting|procurement|reconciliation|recruitment|retention|rostering|scheduling|staffing|stewardship|triage|validation|wellbeing`)

var occupations = bankOf(`anaesthetists|phlebotomists|sonographers|optometrists|podiatrists|orthoptists|dietitians|paramedics|health visitors|district nurses|school nurses|occupational therapists|speech and language therapists|psychologists|psychiatrists|social workers|care coordinators|pharmacy technicians|biomedical scientists|theatre practitioners|operating department practitioners|estates managers|procurement officers|switchboard operators|volunteers|chaplains|interpreters|housekeepers|catering staff|security officers|health records clerks|outpatient nurses|stroke nurses|tissue viability nurses|infection control nurses|diabetes specialist nurses|palliative care teams|hospital pharmacists|locum doctors|agency nurses|medical students|trainee nurses|foundation doctors|surgeons|physicians|radiologists|pathologists|microbiologists|cardiologists|oncologists|neurologists|paediatricians|obstetricians|gynaecologists|geriatricians|dermatologists|ophthalmologists|urologists|gastroenterologists`)

// colourFillers use the wide banks.
var colourFillers = []string{
	"{Adv}, {occ} at the {town} site say the {itnoun} is {desc}.",
	"Patients with {condition} are expected to benefit first, through {benefit}.",
	"The {itnoun} was {vpast} {adv} after concerns about {noun2}.",
	"Executives {vpast} the {itnoun} at a {desc} session with {occ}.",
	"A {desc} audit of {noun2} in {dept} found {problem}.",
	"Clinicians treating {condition} in {dept} say the {itnoun} has improved {noun2}.",
	"Managers at the {town} and {town} sites have {vpast} the plans for {noun2}.",
	"The trust's strategy lists {noun2} and {noun2} among its priorities for the {itnoun}.",
	"{Occ} in {town} described the changes as {desc} but {desc}.",
	"The {itnoun} and the {itnoun} were {vpast} in the same weekend.",
	"Waiting times for {condition} have been {adv} affected by the switch.",
	"An external review {vpast} the {noun2} of the programme and called it {desc}.",
	"{Occ} and {occ} were among the last groups to be trained.",
	"{C} says it will monitor the effect on services for {condition}.",
	"GPs in the area covered by {C} reported delays to discharge letters.",
	"{C} and {C} share the cost of the community element of the programme.",
	"A joint review with {C} will look at {noun2} and {noun2}.",
	"Referrals for {condition} from GPs in {town} are now received through the {itnoun}.",
	"Internal papers describe the approach to {noun2} as {desc}.",
	"The informatics team {adv} {vpast} the {itnoun} before the switch.",
	"A pilot on the {condition} pathway was {vpast} after {desc} results.",
	"Governors asked about {noun2}, and were told the {itnoun} would be {vpast} by the supplier.",
	"The patients' forum in {town} has asked for reassurance about {noun2}.",
	"{C} has been told that activity for {condition} may be under-reported.",
	"Commissioners at {C} have {vpast} the trust's plan for {noun2}.",
	"Clinics for {condition} and {condition} were run at reduced capacity during the first week.",
	"The {desc} state of the {itnoun} was raised by {occ} at a staff briefing.",
	"Questions about {noun2} dominated a {desc} meeting with {occ}.",
}

// commissioner kinds by era: primary care trusts, then clinical
// commissioning groups, then integrated care boards.
var commissionerKinds = []string{"pct", "ccg", "icb"}

var drugs = bankOf(`warfarin|insulin|morphine|gentamicin|vancomycin|heparin|enoxaparin|digoxin|amoxicillin|co-amoxiclav|flucloxacillin|clarithromycin|metformin|gliclazide|levothyroxine|methotrexate|paracetamol|ibuprofen|naproxen|codeine|tramadol|oxycodone|fentanyl|diamorphine|midazolam|lorazepam|diazepam|haloperidol|olanzapine|risperidone|clozapine|lithium|sertraline|citalopram|fluoxetine|mirtazapine|amitriptyline|gabapentin|pregabalin|omeprazole|lansoprazole|ranitidine|furosemide|bendroflumethiazide|ramipril|lisinopril|amlodipine|bisoprolol|atenolol|simvastatin|atorvastatin|clopidogrel|aspirin|apixaban|rivaroxaban|dabigatran|salbutamol|prednisolone|hydrocortisone|dexamethasone|potassium chloride|magnesium sulphate|oxytocin|cefuroxime|ceftriaxone|meropenem|piperacillin|trimethoprim|nitrofurantoin|doxycycline|aciclovir|ondansetron|cyclizine|metoclopramide|lactulose|senna|tamoxifen|carboplatin|cisplatin`)

var investigations = bankOf(`troponin tests|full blood counts|urea and electrolytes|liver function tests|blood cultures|clotting screens|blood gases|MRI scans|CT scans|X-rays|ultrasound scans|echocardiograms|electrocardiograms|mammograms|bone scans|biopsy reports|histology results|cytology results|microbiology results|swab results|urine samples|glucose readings|cholesterol tests|thyroid tests|vitamin D tests|allergy tests|lung function tests|sleep studies|hearing tests|eye tests|genetic tests|pregnancy scans|antenatal screening|newborn screening|developmental checks`)

var wards = bankOf(`Rowan|Willow|Beech|Cedar|Juniper|Lavender|Primrose|Bluebell|Foxglove|Heather|Holly|Maple|Hawthorn|Aspen|Birch|Chestnut|Elm|Hazel|Larch|Linden|Magnolia|Oak|Poplar|Sycamore|Acorn|Buttercup|Clover|Daffodil|Daisy|Iris|Jasmine|Lilac|Marigold|Orchid|Poppy|Snowdrop|Sunflower|Tulip|Violet|Nightingale|Seacole|Cavell|Fleming|Jenner|Lister|Harvey|Osler|Elgar|Brontë|Darwin|Kingfisher|Heron|Kestrel|Lapwing|Merlin|Osprey|Puffin|Swallow|Wren`)

var financeTerms = bankOf(`depreciation|amortisation|impairment|accruals|capital charges|cost improvement programme|national tariff|payment by results|block contract|marginal rate|income recovery|working capital|cash balances|revenue support|capital allocation|public dividend capital|control total|sustainability funding|agency spend|bank staff|overtime|premium payments|non-recurrent funding|recurrent savings|efficiency target|contingency reserve|variance analysis|run rate|outturn|year-end position|underspend|overspend|brokerage|loan repayments|interest charges|VAT recovery|licence fees|maintenance charges|support costs|exit costs|termination payments|legal fees|consultancy costs|backfill costs|double running costs|dual running|stranded costs|write-off|business case|benefits realisation`)

var moreSurnames = bankOf(`Ackroyd|Addison|Alderton|Ambrose|Anstey|Arkwright|Ashcroft|Aspinall|Aylward|Backhouse|Bagshaw|Balfour|Barnard|Beaumont|Belcher|Blackwood|Blundell|Bolton|Boothroyd|Brackenbury|Brearley|Brockbank|Broughton|Buckingham|Burrows|Catterall|Chamberlain|Cheetham|Clitheroe|Colclough|Coverdale|Crowther|Dainty|Dalrymple|Dearden|Dobson|Dunkerley|Earnshaw|Ecclestone|Entwistle|Fairclough|Farnworth|Fazackerley|Fothergill|Garside|Gledhill|Grimshaw|Haigh|Halstead|Hanmer|Heathcote|Hebblethwaite|Hindle|Holroyd|Horrocks|Illingworth|Ingleby|Jowett|Kilburn|Knowles|Lancashire|Littlewood|Lumb|Mallinson|Marsland|Micklethwaite|Myerscough|Nuttall|Ogilvie|Openshaw|Oxley|Pilling|Postlethwaite|Pownall|Rawcliffe|Riley|Rushworth|Scholes|Seddon|Shuttleworth|Sidebottom|Stott|Sugden|Swindells|Thistlethwaite|Threlfall|Tomlinson|Turton|Uttley|Wadsworthy|Walmsley-Hart|Whalley|Whittle|Wolstenholme|Wrigley`)

var moreColourFillers = []string{
	"Prescribing errors involving {drug} and {drug} fell after electronic prescribing reached {ward} ward.",
	"Results of {tests} are now available on the ward within minutes rather than hours.",
	"Staff on {ward} ward were the first to move to electronic observations.",
	"The finance report attributes part of the pressure to {fin} and {fin}.",
	"Pharmacists flagged doses of {drug} that had been transcribed wrongly during migration.",
	"Requests for {tests} were printed on paper for a fortnight while the ordering interface was fixed.",
	"{Ward} and {ward} wards reverted to paper drug charts for several days.",
	"The board heard that {fin} would be reviewed as part of the year-end position.",
	"A ward sister on {ward} ward, {person}, said the handover screen had saved time.",
	"Alerts for {drug} interactions were switched off temporarily after complaints about alert fatigue.",
}
