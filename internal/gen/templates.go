package gen

// Sentence templates. Slots in braces are filled by story.expand:
//
//	{T} {t}      the story's trust: full legal name at the date; short form
//	             or "the trust" once the full name has been written
//	{T2} {t2}    a second trust
//	{S} {V}      the story's system and its vendor at the date
//	{L}          the programme's prime contractor (an LSP in the NPfIT era)
//	{O} {A} {N}  an oversight body, an auditor or committee, a programme
//	{P} {Pv} {Px} a new person: of the trust, of the vendor, from outside
//	{p}          the last person introduced, by surname
//	{Dp} {Df}    a past or future date as an adverbial ("last June", "by April")
//	{dp} {df}    the same as a noun phrase ("June 2008", "the autumn")
//	{Dpd} {Dfd}  a past or future day ("on 6 October")
//	{dpd} {dfd}  the same without "on"
//	{FY}         a financial year ("2009/10")
//	{M} {MB} {Ms} money: a trust's scale, the nation's, a small sum
//	{Mpm} {Mpa}  money per month, per year
//	{n} {nw} {nth} {pct}  numbers
//
// and any other name is a word from a bank (see bank in story.go).

// evTmpl is a sentence that plants an event. Its date is the sentence's
// first date; a sentence without one is dated by the publication.
type evTmpl struct {
	kind, status, text string
}

var eventTemplates = []evTmpl{
	// go-live
	{"go-live", "actual", "{T} went live with {S} {Dpd}, becoming the latest trust to take the system."},
	{"go-live", "actual", "{t} switched on its new {S} system over the weekend of {dpd}, after a {adj} run-up."},
	{"go-live", "actual", "The {S} deployment at {t} finally went live {Dp}, {nw} months later than first planned."},
	{"go-live", "actual", "{V} completed the installation of {S} at {t} {Dp}."},
	{"go-live", "actual", "Since going live with {S} {Dp}, {t} has struggled with {problem}."},
	{"go-live", "actual", "{t} has been using {S} for {module} since {dp}."},
	{"go-live", "actual", "When {S} went live at {t} {Dpd}, {staff} reported {problem} within days."},
	{"go-live", "actual", "{t} became the {nth} trust to go live with {S} when it switched over {Dpd}."},
	{"go-live", "planned", "{t} is due to go live with {S} {Df}."},
	{"go-live", "planned", "{t} now expects to switch on {S} {Df}, subject to a final readiness review."},
	{"go-live", "planned", "The trust board has approved a go-live date for {S} of {dfd}."},
	{"go-live", "planned", "{V} and {t} are working towards a go-live {Df}."},
	{"go-live", "planned", "If the timetable holds, {t} will be the first trust in the region to run {S}, with go-live planned for {df}."},
	{"go-live", "planned", "{T2} is next in line, with a go-live pencilled in for {df}."},
	{"go-live", "planned", "{S} will go live at {t} {Df}, {nw} years after the trust first signed up."},
	// delay
	{"delay", "missed", "{t} had planned to go live with {S} {Dp}, but the date was abandoned after testing found {problem}."},
	{"delay", "missed", "The go-live, originally scheduled for {dp}, has been pushed back to {df}."},
	{"delay", "missed", "A go-live date of {dp} was missed when {V} failed to deliver a working interface."},
	{"delay", "missed", "{t} was supposed to take {S} {Dp}; it is now looking at {df} at the earliest."},
	{"delay", "missed", "Board papers show that the go-live planned for {dp} was postponed to allow more time for data migration."},
	{"delay", "missed", "Go-live at {t} has been put back by {nw} months from its original date of {dp}."},
	{"delay", "planned", "The {S} deployment has slipped again, and the trust no longer expects to go live before {df}."},
	{"delay", "planned", "{t} has delayed its move to {S} until {df}, blaming {problem}."},
	{"delay", "planned", "The second phase, covering {module}, will now not start until {df}."},
	// suspension
	{"suspension", "actual", "{t} suspended the roll-out of {S} {Dp} after {problem}."},
	{"suspension", "actual", "Further deployment of {S} at {t} was halted {Dpd} while {V} investigated {problem}."},
	{"suspension", "actual", "The trust took the decision {Dp} to pause the programme until {df}."},
	{"suspension", "actual", "{t} has put its {S} project on hold, pending a review by {O}."},
	{"suspension", "actual", "Work on the {module} module was stopped {Dp} and has not restarted."},
	{"suspension", "planned", "The board will be asked {Df} whether to suspend the remaining phases of the {S} programme."},
	// cost
	{"cost", "actual", "The problems have cost {t} {M} so far, according to board papers."},
	{"cost", "planned", "{t} expects the {S} deployment to cost {M} in {FY}."},
	{"cost", "actual", "The trust put the cost of the recovery work at {M} {Dp}."},
	{"cost", "actual", "Lost income from unrecorded activity had reached {M} by {dp}."},
	{"cost", "actual", "Total spending on the {adj} programme across England is now estimated at {MB}."},
	{"cost", "actual", "{t} is paying {V} {Mpm} for additional support staff."},
	{"cost", "planned", "The trust's deficit for {FY} is forecast at {M}, largely because of the {S} deployment."},
	{"cost", "actual", "The {S} roll-out has already cost {t} {M}, {Ms} more than budgeted."},
	{"cost", "actual", "Backfill for {staff} released for training is costing the trust {Mpa}."},
	// contract
	{"contract", "actual", "{t} signed a {M} contract with {V} {Dp} to supply {S}."},
	{"contract", "actual", "{V} was awarded a {nw}-year, {M} deal by {t} {Dpd}."},
	{"contract", "planned", "{t} is expected to sign a contract for {S} {Df}."},
	{"contract", "actual", "Under a deal agreed {Dp}, {V} will provide {S} to {t} and {T2}."},
	{"contract", "actual", "{t} chose {V} as its preferred bidder for a new electronic patient record {Dp}."},
	{"contract", "planned", "The {nw}-year contract, worth {M}, runs until {df}."},
	{"contract", "actual", "{t} ended its contract with {V} {Dp} and is now procuring a replacement."},
	{"contract", "actual", "{L} handed responsibility for the {S} contract at {t} to {V} {Dp}."},
	// rescue
	{"rescue", "actual", "A {n}-day recovery plan was launched {Dpd} to clear the backlog and restore reporting."},
	{"rescue", "actual", "{O} sent in a team of experts {Dp} to help the trust recover."},
	{"rescue", "actual", "{V} brought in extra staff {Dp} as part of a rescue plan agreed with {t}."},
	{"rescue", "planned", "{t} has appointed an interim director to lead a turnaround of the {S} programme from {dfd}."},
	{"rescue", "actual", "The recovery programme, which began {Dp}, is expected to finish by {df}."},
	{"rescue", "actual", "Under the rescue plan agreed {Dp}, {staff} are working extra shifts to validate waiting lists."},
	{"rescue", "actual", "{t} and {V} agreed a remediation plan {Dpd} after months of {problem}."},
	// other
	{"other", "actual", "{A} published a critical report on the programme {Dp}."},
	{"other", "planned", "The trust board will review progress on {S} at its meeting {Dfd}."},
	{"other", "actual", "{t} completed a gateway review of the {S} project {Dp}."},
	{"other", "planned", "{O} has set a deadline of {df} for trusts to decide on their future systems."},
}

// fillers read like reporting and plant no events.
var fillers = []string{
	"{Staff} in {dept} have had to work around {problem}.",
	"The trust says the system will eventually deliver {benefit} and {benefit}.",
	"Around {pct} of {staff} had completed training before the switch-over.",
	"Managers have drafted in {n} extra {staff} to help with data validation.",
	"{Staff} said the new screens took time to learn but offered {benefit}.",
	"Board papers describe the programme as {adj} but essential.",
	"Clinicians in {dept} were among the first to use the {module} module.",
	"The trust has set up a dedicated team to tackle {problem}.",
	"Reporting to commissioners was affected for several months.",
	"An internal review found that {problem} had gone unnoticed for weeks.",
	"Staff were asked to double-check every record transferred from the old system.",
	"The trust insists that no patient came to harm as a result.",
	"Union representatives have raised concerns about the extra workload on {staff}.",
	"A spokesperson for {V} said the company was working closely with the trust.",
	"{V} declined to comment on the details of the contract.",
	"Local commissioners have been kept informed of the problems.",
	"The trust's auditors have flagged the project as a significant risk.",
	"A clinical safety officer has been appointed to oversee the next phase.",
	"The system replaces a patient administration system that had been in place for {nw} years.",
	"Paper notes will continue to be used in {dept} for the time being.",
	"The trust is one of {nw} in the region still waiting for a new system.",
	"Other trusts have been watching the {S} deployment closely.",
	"Patients attending {dept} may notice longer waits while staff adjust.",
	"The IT department has extended its service desk hours to cope with demand.",
	"Senior managers have held weekly meetings with {V} to track progress.",
	"Much of the early difficulty stemmed from {problem}.",
	"The latest board report lists {n} open risks for the programme, {nw} of them rated red.",
	"Feedback from {staff} has been broadly positive since the early problems were fixed.",
	"A lessons-learned report is being prepared for the board.",
	"The project team includes {n} clinical champions drawn from {dept} and {dept}.",
	"Super-users were available on every ward for the first fortnight.",
	"Data from the old system was migrated over a single weekend.",
	"The {module} and {module} modules are expected to follow in a later phase.",
	"Critics argue that the national approach left trusts with little say over {module} functionality.",
	"Some {staff} have complained that the system adds minutes to every consultation.",
	"The trust has written to affected patients to apologise.",
	"Waiting-list validation has taken far longer than expected.",
	"{Dept} has reverted to paper for some processes while fixes are tested.",
	"The board was told that the situation is improving but remains fragile.",
	"The trust has commissioned an independent review of the programme.",
	"Staff turnover in the informatics team has added to the pressure.",
	"Hardware upgrades, including {n} new workstations, were completed ahead of the switch.",
	"Wireless coverage has been extended to every ward as part of the project.",
	"The system is hosted in a data centre run by {V}.",
	"Integration with GP systems remains on the wish list.",
	"Clinical coding backlogs have started to fall.",
	"The organisation's strategy commits it to {benefit} across all of its sites.",
	"Commissioners have agreed to review the activity data once it has been validated.",
	"Governors pressed the executive team on whether {problem} could happen again.",
	"The trust has published a frequently asked questions page for patients worried about {problem}.",
	"{Staff} and {staff} now share a single view of each patient's {module} record.",
	"Executives admitted that the original plan underestimated the work needed on {module}.",
	"{O} has been asked for extra funding to cover the costs.",
	"The {adj} project has become a test case for other hospitals considering {S}.",
	"Temporary workarounds in {dept} are being reviewed every week.",
	"A clinical harm review has so far found no evidence of serious harm.",
}

// background sentences put the story in its national context.
var backgrounds = []string{
	"{A} has repeatedly questioned whether the national approach offers value for money.",
	"Trusts in the region were originally promised new systems by {L}.",
	"{L} is responsible for delivering systems to acute trusts in the region.",
	"{N} has been the subject of several critical reports from {A}.",
	"{O} has said that every trust should have an electronic patient record in place.",
	"Ministers have promised to give trusts more freedom to choose their own suppliers.",
	"{Px} has called for a full inquiry into the way the contracts were let.",
	"Several trusts have abandoned national systems in favour of local procurements.",
	"The cost of the wider programme has been put at {MB}.",
	"{O} said it continued to support the trust and the wider roll-out.",
	"{N} was meant to give every patient an electronic record.",
	"Critics say trusts have borne the brunt of problems created by the national contracts.",
}

// quoteForms wrap a quote and a speaker.
var quoteForms = []string{
	"“{quote},” {said} {P}.",
	"{P} {said}: “{quote}.”",
	"“{quote},” {said} {P}. “{quote}.”",
	"Speaking to {outlet}, {P} said: “{quote}.”",
	"In a statement, {P} said: “{quote}.”",
	"“{quote},” {p} {said}.",
	"{Pv} said: “{quote}.”",
	"“{quote},” {said} {Px}.",
}

// headlines by the kind of the lead event; no dates or money, so that every
// entity of a title is also in the body.
var headlines = map[string][]string{
	"go-live":    {"{t} goes live with {S}", "{S} live at {t}", "{t} switches on new {S} system", "{V} completes {S} deployment at {t}", "{t} takes the plunge with {S}", "First week on {S} tests {t}"},
	"delay":      {"{t} delays {S} go-live", "Further delay for {S} at {t}", "{t} pushes back {V} roll-out", "{S} timetable slips at {t}", "{t} go-live put back again", "New setback for {t} EPR plans"},
	"suspension": {"{t} halts {S} roll-out", "{S} deployment suspended at {t}", "{t} pauses EPR programme", "{t} puts {V} project on ice"},
	"cost":       {"{S} problems prove costly for {t}", "Counting the cost of {S} at {t}", "{t} EPR bill climbs", "{V} deployment hits {t} finances"},
	"contract":   {"{t} signs {V} deal for {S}", "{V} wins {t} EPR contract", "{t} picks {S} for new patient record", "{t} ends {V} contract"},
	"rescue":     {"Rescue plan for {t} {S} deployment", "{t} brings in experts to fix {S}", "Recovery team sent to {t}", "{V} and {t} agree {S} recovery plan"},
	"other":      {"{t} reviews {S} programme", "Watchdog questions {t} IT plans", "Board told of {S} risks at {t}"},
}

var crossheads = []string{"Backlog", "Lessons learned", "Costs mount", "Next steps", "National picture", "Clinical concerns", "Training", "Data quality", "Supplier response", "Reaction", "Background", "What happens now"}

// Board papers.

var paperTitles = []string{
	"{S} Programme: Progress Report",
	"Electronic Patient Record Programme Update",
	"EPR Deployment – Readiness Assessment",
	"Report of the Director of IM&T: {S} Implementation",
	"Informatics Strategy Update",
	"{S} Recovery Plan",
	"Business Case for a Replacement Patient Administration System",
	"Chief Executive's Report",
	"Integrated Performance and Finance Report",
	"Clinical Systems Programme: Risks and Issues",
	"Digital Programme Board Report",
}

var meetingForms = []string{
	"Trust Board Meeting – {date}",
	"Meeting of the Board of Directors held in public on {date}",
	"Board of Directors – {weekday} {date}",
	"Public Trust Board, {date}",
	"Date of meeting: {date}",
}

var purposes = []string{"For approval", "For noting", "For information", "For assurance", "For decision", "For discussion"}

var standingItems = []string{
	"Apologies for absence", "Declarations of interest", "Minutes of the previous meeting", "Matters arising and action log",
	"Chief Executive's report", "Quality and safety report", "Finance report", "Workforce report",
	"Board assurance framework", "Audit committee report", "Any other business", "Questions from the public",
	"Charitable funds update", "Infection prevention and control report", "Emergency planning annual report",
}

var financeRows = []string{"Capital – hardware and devices", "Capital – software licences", "Revenue – supplier service charge", "Backfill and training", "Data migration and validation", "Interfaces and integration", "Programme team", "Contingency"}

var recommendations = []string{
	"note the progress made since the last report",
	"approve the revised deployment timetable",
	"note the financial risks set out in section 4",
	"approve the additional revenue funding requested",
	"support the recovery actions agreed with the supplier",
	"note the clinical safety assurance provided",
	"agree to receive a further update at its next public meeting",
}
