package main

// The fixtures' words. The trust, its people and its figures are invented;
// the systems and suppliers are named as a real board paper would name them.

const disclaimer = "This document is a synthetic test fixture for trawl. The trust, the people and the figures in it are invented."

func pageBreak() string { return `<w:p><w:r><w:br w:type="page"/></w:r></w:p>` }

// minutes is a public board meeting's minutes, several pages long.
func minutes() []part {
	body := []string{
		pt("Title", "Minutes of the Meeting of the Board of Directors held in Public"),
		pt("", "Ashdown Valley Hospitals NHS Foundation Trust"),
		p("", r("Thursday 28 March 2019 at 10:00\nBoardroom, Ashdown General Hospital\nWealden Road, Ashford TN23 9ZZ")),
		pt("Heading2", "Present"),
		tbl(rows([][]string{
			{"Name", "Role", "Attendance"},
			{"Dame Helen Ashworth", "Chair", "Present"},
			{"Mark Pendleton", "Chief Executive", "Present"},
			{"Dr Priya Raman", "Chief Medical Officer", "Present"},
			{"Susan O’Leary", "Chief Nursing Officer", "Present"},
			{"Graham Teale", "Chief Finance Officer", "Present"},
			{"Alan Whitcombe", "Chief Information Officer", "Present (items TB19/034 to TB19/036)"},
			{"Professor Kate Lindqvist", "Non-Executive Director", "Apologies"},
		})...),
		pt("Heading2", "In attendance"),
		pt("", "Ruth Ekwueme, Trust Secretary (minutes); Tom Baird, EPR Programme Director (item TB19/034); two members of the public and one member of the press."),
		pt("Heading1", "TB19/031 Welcome and apologies"),
		pt("", "The Chair welcomed members and observers to the meeting. Apologies were received from Professor Kate Lindqvist. The meeting was quorate."),
		pt("Heading1", "TB19/032 Declarations of interest"),
		pt("", "There were no new declarations of interest in relation to the items on the agenda."),
		pt("Heading1", "TB19/033 Minutes of the previous meeting and matters arising"),
		pt("", "The minutes of the meeting held on 31 January 2019 were approved as a correct record, subject to one amendment: in item TB19/012 the figure for agency spend should read £1.4m, not £1.7m."),
		pt("", "The action log was reviewed. Action 118 (the winter bed plan) was closed; action 121 is covered under item TB19/034 below."),
		pageBreak(),
		pt("Heading1", "TB19/034 Electronic patient record programme: go-live report"),
		pt("", "Alan Whitcombe and Tom Baird presented the report on the go-live of the Trust’s new electronic patient record (EPR), Cerner Millennium, which replaced the Patient Administration System (PAS) and the order communications system at Ashdown General Hospital over the weekend of 2–3 March 2019."),
		pt("Heading2", "34.1 Go-live"),
		pt("", "The cut-over began at 18:00 on Friday 1 March. 212,000 future appointments and 46,500 waiting-list entries were migrated from the old PAS. Outpatient clinics and the emergency department were live on Sunday 3 March; theatres followed on Monday 4 March. The Board heard that the go-live had been “the largest change programme in the Trust’s history”, involving 3,400 staff trained in the eight weeks before cut-over."),
		pt("Heading2", "34.2 Problems since go-live"),
		pt("", "Mr Baird reported three problems that remain open:"),
		li("a backlog of about 9,000 clinic letters, caused by a fault in the letter templates, which the supplier expects to fix in release 2019.04;"),
		li("the weekly referral-to-treatment (RTT) return to NHS England has not been submitted for three weeks, because the waiting-list reports do not yet match the old PAS;"),
		li("ward staff report that drug charts take longer to complete on the mobile devices than on paper."),
		pt("", "Dr Raman said that no harm to patients had been identified, but that two incidents had been reported to the Strategic Executive Information System (StEIS) as a precaution. Mrs O’Leary asked whether the Trust had enough floor-walkers; Mr Baird confirmed that 40 super-users would stay on the wards until 12 April."),
		pt("Heading2", "34.3 Costs"),
		pt("", "Mr Teale reported that the programme’s total cost is now forecast at £18.6m against the approved business case of £16.2m, an overspend of £2.4m. The increase is mainly due to the five-month delay to go-live (originally planned for October 2018), which required an extension of the supplier contract (£1.1m) and additional temporary staff for data validation (£0.8m)."),
		tbl(rows([][]string{
			{"Cost heading", "Business case", "Forecast", "Variance"},
			{"Licences and hosting", "£7.9m", "£8.4m", "£0.5m"},
			{"Implementation services", "£5.1m", "£6.2m", "£1.1m"},
			{"Backfill and training", "£2.3m", "£3.1m", "£0.8m"},
			{"Contingency", "£0.9m", "£0.9m", "£0.0m"},
			{"Total", "£16.2m", "£18.6m", "£2.4m"},
		})...),
		pt("", "The Board noted the report. The Chair asked that the Finance and Performance Committee review the revised business case at its meeting on 18 April 2019, and that a lessons-learned review be brought to the Board in July 2019."),
		pt("", "Resolved: the Board approved the additional expenditure of £2.4m, to be funded from the capital programme, and delegated authority to the Chief Executive to agree the contract extension with Cerner."),
		pageBreak(),
		pt("Heading1", "TB19/035 Chief Executive’s report"),
		pt("", "Mr Pendleton highlighted the Trust’s performance against the four-hour emergency access standard, which fell to 81.2% in February 2019, and thanked staff for their work during the EPR go-live. He reported that the Trust had been selected as one of the Global Digital Exemplar fast followers in September 2018, bringing £5m of central funding over three years."),
		pt("Heading1", "TB19/036 Finance report: month 11"),
		pt("", "Mr Teale reported a year-to-date deficit of £4.3m, £0.6m worse than plan, mainly because of lost elective income during the EPR go-live. The Trust still expects to meet its control total of £5.0m deficit by 31 March 2019."),
		pt("Heading1", "TB19/037 Any other business"),
		pt("", "There was no other business."),
		pt("Heading1", "Actions"),
		tbl(rows([][]string{
			{"Ref", "Action", "Owner", "Due"},
			{"125", "Bring the revised EPR business case to the Finance and Performance Committee", "Graham Teale", "18 April 2019"},
			{"126", "Lessons-learned review of the EPR go-live to the Board", "Alan Whitcombe", "July 2019"},
			{"127", "Resume the weekly RTT return and report on the missed weeks", "Dr Priya Raman", "30 April 2019"},
		})...),
		pt("", "Date of next meeting: Thursday 30 May 2019 at 10:00, Boardroom, Ashdown General Hospital."),
		p("", r("Signed\t……………………………… (Chair)\nDate\t………………………………")),
		pt("", disclaimer),
	}
	return docxParts(
		document(body...),
		styles(englishStyles),
		core(coreProps{
			title:       "Minutes of the Board of Directors (public), 28 March 2019",
			creator:     "Ruth Ekwueme",
			created:     "2019-04-02T09:12:00Z",
			modified:    "2019-05-30T08:40:00Z",
			description: disclaimer,
		}),
		"",
	)
}

// localised is a board paper saved by a German copy of Word: style ids are
// "berschrift1" (from "Überschrift 1") and "Titel"; only the names in
// styles.xml say they are headings. One custom style inherits its heading
// level through basedOn; core.xml has no title, and its creator is a
// placeholder.
func localised() []part {
	sty := []style{
		{"Standard", "Normal", "", -1},
		{"Titel", "Title", "Standard", -1},
		{"berschrift1", "heading 1", "Standard", 0},
		{"berschrift2", "heading 2", "Standard", 1},
		{"Tagesordnungspunkt", "Agenda Item", "berschrift2", -1},
		{"Listenabsatz", "List Paragraph", "Standard", -1},
	}
	body := []string{
		pt("Titel", "Digital Strategy Update: Electronic Prescribing and Medicines Administration"),
		pt("", "Report to the Trust Board, 5 September 2018"),
		pt("berschrift1", "1. Purpose"),
		pt("", "This paper updates the Board on the roll-out of electronic prescribing and medicines administration (EPMA) and asks the Board to approve the next phase."),
		pt("berschrift1", "2. Background"),
		pt("", "EPMA went live on the two pilot wards in June 2018. The system is part of the Trust’s EPR contract and was funded from the Global Digital Exemplar programme."),
		pt("Tagesordnungspunkt", "2.1 Progress to date"),
		pt("Listenabsatz", "Ward 7 (respiratory) live on 11 June 2018"),
		pt("Listenabsatz", "Ward 9 (elderly care) live on 25 June 2018"),
		pt("berschrift1", "3. Recommendation"),
		pt("", "The Board is asked to approve the roll-out to all adult inpatient wards by March 2019 at a cost of £640,000."),
		pt("", disclaimer),
	}
	return docxParts(
		document(body...),
		styles(sty),
		core(coreProps{creator: "Microsoft Office User", created: "2018-08-29T14:03:00Z", modified: "2018-09-03T07:55:00Z"}),
		"",
	)
}

// features holds the constructs a reader must get right, one or two each:
// tab, line break, carriage return, symbol, non-breaking and soft hyphens,
// smart quotes, hyperlink, simple and complex fields, tracked insertion and
// deletion, a text box with a VML fallback, a footnote, a nested table, and
// no styles.xml or core.xml title (styles resolved by id alone).
func features() []part {
	body := []string{
		pt("Heading1", "Cost improvement programme 2020/21"),
		p("", r("Scheme\tSaving"), `<w:r><w:cr/></w:r>`, r("Procurement\t£250,000")),
		p("", r("Target "), `<w:r><w:sym w:font="Symbol" w:char="F0B3"/></w:r>`, r(" 95% of patients seen within four hours")),
		p("", r("Non"), `<w:r><w:noBreakHyphen/></w:r>`, r("elective activity rose; re"), `<w:r><w:softHyphen/></w:r>`, r("admissions fell.")),
		p("", r("The director said the plan was “deliverable” and the Trust’s ‘best ever’.")),
		p("", r("Papers are on the "),
			`<w:hyperlink r:id="rId9" w:history="1">`+rp(`<w:rStyle w:val="Hyperlink"/>`, "board website")+`</w:hyperlink>`,
			r(".")),
		p("", r("Page "), `<w:fldSimple w:instr=" PAGE "><w:r><w:t>3</w:t></w:r></w:fldSimple>`,
			r(" of "), `<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> NUMPAGES </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>12</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>`),
		p("", r("The budget is "),
			`<w:del w:id="1" w:author="Finance"><w:r><w:delText>£3m</w:delText></w:r></w:del>`,
			`<w:ins w:id="2" w:author="Finance"><w:r><w:t>£3.5m</w:t></w:r></w:ins>`,
			r(" for the year."),
			`<w:r><w:footnoteReference w:id="1"/></w:r>`),
		p("", r("Chart commentary follows."),
			`<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent>`+pt("", "Text box: figures are unaudited.")+`</w:txbxContent></wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><v:textbox><w:txbxContent>`+pt("", "Text box: figures are unaudited.")+`</w:txbxContent></v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r>`),
		tbl(
			cells("Division", "Schemes"),
			[]string{pt("", "Surgery"), tbl(cells("Theatres", "£120k"), cells("Outpatients", "£40k"))},
			[]string{pt("", "Medicine"), pt("", "Bed") + pt("", "reconfiguration")},
		),
		pt("Heading2", "Risks"),
		`<w:sdt><w:sdtPr><w:alias w:val="Risk"/></w:sdtPr><w:sdtContent>` + pt("", "Delivery depends on the new e-rostering system.") + `</w:sdtContent></w:sdt>`,
		pt("", disclaimer),
	}
	parts := docxParts(
		document(body...),
		"",
		core(coreProps{creator: "Finance Directorate; Jo Marsh", modified: "2020-06-15T16:20:00+01:00"}),
		footnotes("Subject to approval by the Finance Committee on 12 June 2020."),
	)
	// Drop styles.xml: ids "Heading1"/"Heading2" must still work.
	out := parts[:0]
	for _, p := range parts {
		if p.name != "word/styles.xml" {
			out = append(out, p)
		}
	}
	return out
}
