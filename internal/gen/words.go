package gen

// Name lists and phrase banks. The people are invented: first names and
// surnames are drawn independently, so any match with a real person is
// chance. Outlets are invented too; trusts, vendors, systems and national
// bodies come from the gazetteer.

var firstNames = []string{
	"Aaron", "Abigail", "Adam", "Adrian", "Aisha", "Alan", "Alastair", "Alex", "Alison", "Amanda",
	"Amir", "Amy", "Andrew", "Angela", "Anita", "Ann", "Anthony", "Arjun", "Barbara", "Barry",
	"Ben", "Bernard", "Beverley", "Bridget", "Brian", "Bruce", "Callum", "Carl", "Carol", "Caroline",
	"Catherine", "Charles", "Charlotte", "Chris", "Christine", "Claire", "Colin", "Craig", "Damian", "Daniel",
	"David", "Dawn", "Deborah", "Declan", "Denise", "Derek", "Diane", "Dominic", "Donna", "Douglas",
	"Duncan", "Eamonn", "Edward", "Eileen", "Elaine", "Eleanor", "Elizabeth", "Emma", "Fiona", "Frances",
	"Gareth", "Gary", "Geoff", "Gemma", "Gillian", "Gordon", "Graham", "Hannah", "Harriet", "Hazel",
	"Helen", "Hilary", "Ian", "Imran", "Isabel", "Jacqueline", "James", "Jane", "Janet", "Jason",
	"Jennifer", "Jeremy", "Joanna", "John", "Jonathan", "Joseph", "Julia", "Julian", "Karen", "Kate",
	"Keith", "Kevin", "Kirsty", "Lara", "Laura", "Lesley", "Linda", "Lorraine", "Louise", "Lucy",
	"Malcolm", "Marcus", "Margaret", "Mark", "Martin", "Matthew", "Maureen", "Michael", "Michelle", "Mohammed",
	"Monica", "Natalie", "Neil", "Nicholas", "Nicola", "Nigel", "Oliver", "Owen", "Pamela", "Patricia",
	"Paul", "Pauline", "Peter", "Philip", "Priya", "Rachel", "Rajesh", "Rebecca", "Richard", "Robert",
	"Rosemary", "Ruth", "Sally", "Samantha", "Sandra", "Sarah", "Shaun", "Sheila", "Simon", "Sophie",
	"Stephen", "Stuart", "Susan", "Tamsin", "Teresa", "Thomas", "Timothy", "Tom", "Tracey", "Trevor",
	"Valerie", "Vanessa", "Victoria", "Vikram", "Wendy", "William", "Yvonne", "Zoe",
}

var surnames = []string{
	"Abbott", "Acheson", "Ahmed", "Ainsworth", "Akhtar", "Allerton", "Appleby", "Armitage", "Ashdown", "Atherton",
	"Bailey", "Bainbridge", "Baldwin", "Bannister", "Barlow", "Barraclough", "Bateman", "Beckett", "Bellamy", "Bennett",
	"Bhatti", "Birch", "Blackburn", "Blakemore", "Bradshaw", "Bramley", "Brennan", "Broadbent", "Buckley", "Burgess",
	"Calloway", "Carmichael", "Cartwright", "Chadwick", "Chakraborty", "Chaudhry", "Clegg", "Coates", "Collier", "Cotterill",
	"Cowley", "Crabtree", "Crossley", "Cunliffe", "Dalton", "Davenport", "Dawson", "Delaney", "Desai", "Dixon",
	"Doherty", "Donnelly", "Drummond", "Duckworth", "Eastwood", "Eccles", "Ellison", "Emery", "Fairbairn", "Farrell",
	"Fenwick", "Finch", "Fitzgerald", "Fletcher", "Forsyth", "Fowler", "Gallagher", "Gardiner", "Gilchrist", "Gillespie",
	"Goddard", "Goodwin", "Gough", "Greenhalgh", "Gregson", "Gupta", "Hadley", "Halliwell", "Hammond", "Hardcastle",
	"Hargreaves", "Harrington", "Haslam", "Hawthorne", "Hayward", "Heaton", "Henshaw", "Hewitt", "Hibbert", "Holloway",
	"Horsfall", "Hough", "Hussain", "Iqbal", "Ingram", "Jarvis", "Jennings", "Kaur", "Keane", "Kenyon",
	"Kershaw", "Khan", "Kirkby", "Lambert", "Langley", "Latham", "Leadbetter", "Lister", "Lockwood", "Lowther",
	"Macaulay", "Maddox", "Malik", "Marsden", "Mather", "McAllister", "McBride", "McCann", "McGregor", "McKenna",
	"Mellor", "Merriman", "Metcalfe", "Mistry", "Moorhouse", "Mortimer", "Mulligan", "Nairn", "Naylor", "Nicholls",
	"Norbury", "Oakley", "O'Brien", "O'Connor", "Ogden", "Okafor", "Oldroyd", "Ormerod", "Osborne", "Padgett",
	"Parkinson", "Patel", "Pemberton", "Pickering", "Platt", "Prendergast", "Pritchard", "Quigley", "Radcliffe", "Ramsbottom",
	"Rashid", "Ratcliffe", "Redfern", "Rhodes", "Ridley", "Rowbotham", "Sanderson", "Saunders", "Schofield", "Sethi",
	"Shackleton", "Sharma", "Shepherd", "Singh", "Slater", "Smethurst", "Sowerby", "Stansfield", "Stockdale", "Sutcliffe",
	"Swinburne", "Tattersall", "Thackeray", "Thornton", "Tillotson", "Townsend", "Trelawney", "Tunstall", "Underwood", "Varley",
	"Vaughan", "Wadsworth", "Wainwright", "Walmsley", "Warburton", "Whitaker", "Whiteley", "Wilkinson", "Winstanley", "Woodhouse",
	"Worthington", "Wragg", "Yardley", "Yeadon", "Younis",
}

// trustRoles are people who speak for a trust; ccio only from 2012.
var trustRoles = []string{
	"chief executive", "chief information officer", "director of finance", "medical director",
	"director of nursing", "chief operating officer", "director of IM&T", "EPR programme director",
	"chairman", "deputy chief executive", "director of informatics", "head of IT",
	"director of strategy", "clinical lead for the EPR", "finance director", "director of operations",
}

var laterTrustRoles = []string{"chief clinical information officer", "chief digital officer", "chief nursing information officer"}

var vendorRoles = []string{"managing director", "UK managing director", "head of UK health", "chief executive", "healthcare director", "client director"}

var externalRoles = []string{
	"Conservative MP", "Labour MP", "Liberal Democrat MP", "health informatics consultant",
	"independent analyst", "former NHS IT director", "patient representative",
}

// outlets are invented health-IT news sites, with their host and era style.
var outlets = []struct{ name, host string }{
	{"Health IT Insider", "www.healthitinsider.co.uk"},
	{"Digital Care Weekly", "www.digitalcareweekly.com"},
	{"NHS Tech Review", "nhstechreview.co.uk"},
	{"Clinical Systems News", "www.clinicalsystemsnews.net"},
	{"eHealth Bulletin", "www.ehealthbulletin.org.uk"},
	{"Informatics Today", "informaticstoday.co.uk"},
	{"Care Records Journal", "www.carerecordsjournal.com"},
	{"Public Sector Computing", "www.publicsectorcomputing.co.uk"},
}

var sections = []string{"News", "Acute care", "Primary care", "Mental health", "NPfIT", "Clinical systems", "Finance", "Interoperability", "Infrastructure", "Features", "Analysis", "Opinion", "Jobs", "Events", "Subscribe"}

var depts = []string{
	"accident and emergency", "A&E", "outpatients", "pharmacy", "pathology", "radiology", "maternity",
	"theatres", "the emergency department", "paediatrics", "cardiology", "oncology", "orthopaedics",
	"the medical records library", "the clinical coding team", "the booking office", "ophthalmology",
	"renal services", "the stroke unit", "critical care", "the acute assessment unit", "dermatology",
	"audiology", "endoscopy", "haematology", "neurology", "urology", "the discharge lounge",
	"community nursing teams", "the children's ward", "elderly care wards", "the fracture clinic",
	"sexual health services", "physiotherapy", "dietetics", "the patient access centre",
}

var staffGroups = []string{
	"junior doctors", "consultants", "ward clerks", "nurses", "medical secretaries", "receptionists",
	"pharmacists", "clinical coders", "bed managers", "porters", "midwives", "healthcare assistants",
	"allied health professionals", "radiographers", "administrative staff", "matrons", "registrars",
	"information analysts", "ward sisters", "theatre managers", "discharge coordinators",
}

var problems = []string{
	"patients missing from waiting lists", "appointments booked twice", "lost referral letters",
	"clinic lists that could not be printed", "slow log-in times", "data migration errors",
	"gaps in activity reporting", "duplicate patient records", "crashing workstations",
	"a backlog of unbilled activity", "inaccurate waiting-time figures", "missing discharge summaries",
	"problems with the interface to the pathology system", "screens freezing during ward rounds",
	"unreliable smartcard readers", "reports that failed to run overnight", "orders lost between systems",
	"a surge in calls to the service desk", "mismatched NHS numbers", "incomplete theatre schedules",
	"errors in referral-to-treatment reporting", "a shortage of trained super-users",
	"patients wrongly discharged from follow-up lists", "poorly configured templates",
}

var benefits = []string{
	"fewer lost notes", "faster access to test results", "safer prescribing", "a single patient record",
	"real-time bed management", "better handover between shifts", "less duplicated data entry",
	"quicker discharge letters to GPs", "electronic ordering of tests", "a reduction in paper records",
	"improved audit trails", "remote access for community staff", "alerts for deteriorating patients",
	"accurate activity data for commissioners", "shorter waits in clinics", "clearer medication histories",
	"automated observations at the bedside", "structured clinical noting", "closed-loop medicines administration",
}

var modules = []string{
	"patient administration", "order communications", "results reporting", "electronic prescribing",
	"theatres management", "emergency department", "maternity", "clinical documentation", "e-observations",
	"scheduling", "bed management", "pharmacy stock control", "clinical coding", "discharge summaries",
	"nursing assessments", "radiology ordering", "patient portal", "outpatient letters",
}

var adjectives = []string{
	"difficult", "troubled", "ambitious", "long-awaited", "costly", "controversial", "complex",
	"protracted", "bumpy", "painful", "high-profile", "much-criticised", "delayed", "phased",
	"careful", "closely watched", "hard-won", "expensive", "disruptive", "smooth",
}

var saidVerbs = []string{"said", "told", "added", "explained", "insisted", "admitted", "warned", "acknowledged", "argued", "stressed"}

var quotes = []string{
	"We always knew this would be a difficult deployment, but the hard work of our staff is paying off",
	"Patient safety has been our first concern throughout, and it remains so",
	"We are not going to go live until we are confident the system is ready",
	"There have been real problems, and I do not want to pretend otherwise",
	"Our clinicians asked for this system and they have been closely involved in shaping it",
	"The board has been kept informed at every stage and has challenged us hard",
	"We have learned a great deal from the trusts that went before us",
	"The financial pressure this has created is significant and we are working to recover the position",
	"This is a system that will underpin everything we do for the next decade",
	"We are confident that the recovery plan addresses the issues that were raised",
	"Nobody pretends that replacing a patient administration system is easy",
	"The data quality problems were worse than anyone expected",
	"We owe it to our patients to get this right rather than to get it done quickly",
	"Staff have shown remarkable patience while we worked through the teething problems",
	"The supplier has accepted that it did not meet the standards we expected",
	"We will only move forward when the clinical safety case has been signed off",
	"Frankly, the national contract did not give us the flexibility we needed",
	"The system is now stable and the backlog is coming down week by week",
	"Our priority now is to make sure every patient who was affected is followed up",
	"We have put extra staff into the booking centre to clear the backlog",
	"I am pleased with the progress, but there is still a long way to go",
	"This was never simply an IT project; it is about changing how we work",
	"We have had assurances from the supplier, but we will judge them on delivery",
	"The money has to come from somewhere, and that means difficult choices elsewhere",
	"What matters to patients is that their information is there when it is needed",
	"We took the decision to pause because the risks were too high",
	"The lessons from this deployment should be shared across the NHS",
	"It has been a steep learning curve for everyone involved",
	"We are working closely with colleagues nationally to agree a way forward",
	"I would not want any other trust to go through what we have been through",
	"The training programme reached more than nine in ten of our staff before go-live",
	"Taxpayers deserve to know how much this has really cost",
	"Trusts were given very little choice about which system they would take",
	"There is no point installing a system that clinicians will not use",
	"We expect the benefits to show up in our figures within the year",
	"The contract renegotiation gives us far more control over the timetable",
}

var commenters = []string{
	"Anonymous", "NHS IT manager", "Ward sister, Midlands", "Informatics lead", "Former LSP employee",
	"Consultant anaesthetist", "Jaded of Yorkshire", "GP, south London", "A trust CIO", "Concerned taxpayer",
	"Healthcare IT veteran", "Junior doctor", "Data quality analyst", "Contractor", "Retired PAS manager",
}

var commentTexts = []string{
	"Same story as everywhere else. Go-live dates set by politicians, not by the people who have to use the system.",
	"Anyone who has sat through a PAS migration will recognise every word of this article.",
	"The real question is who pays for the extra staff needed to clear the backlog.",
	"Our trust went through exactly this last year. It does get better, but it takes months.",
	"Good to see a trust being honest about the problems for once.",
	"Training was the problem for us. Two hours in a classroom is not enough for a system this complex.",
	"I wonder how many more trusts will have to learn these lessons the hard way.",
	"Interesting that the supplier has nothing to say about any of this.",
	"Clinicians were not consulted at our place until it was far too late.",
	"The reporting problems are the ones that really hurt, because they hit income straight away.",
	"Let us hope the next go-live is handled with a little more care.",
	"Is anyone keeping track of how much has been spent on all of this?",
}

var sidebarHeadlines = []string{
	"GP practices warned over data sharing deadlines", "Ambulance services trial mobile records",
	"Pathology networks struggle with order communications", "Ten things we learned at this year's conference",
	"Smartcard rollout reaches community teams", "Interoperability standards: where next?",
	"Analysis: what went wrong with the national programme", "Jobs: informatics roles in demand",
	"Opinion: clinicians must own digital change", "Cyber security audit finds patching gaps",
	"Mental health records move to the cloud", "Bedside observations go electronic across the region",
	"Patient portals: the early evidence", "Procurement frameworks explained", "Why data quality still matters",
	"Telehealth pilots report mixed results", "The rise of the chief clinical information officer",
	"Image sharing across hospital networks", "Board papers reveal EPR pressures", "Coding backlog hits income",
}

var numberWords = []string{"two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "twelve", "fifteen", "twenty"}
