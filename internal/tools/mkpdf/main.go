// Command mkpdf writes the PDF fixtures of trawl's tests and demo corpus: a
// two-column NHS trust board pack with an agenda and a finance table, a
// single-column annual report, a set of board minutes, a scanned board paper
// with no text layer and a pack mixing typed pages with a scanned letter
// (for OCR), and bad PDFs (truncated, encrypted, image-only, HTML named .pdf).
//
// It writes raw PDF in pure Go (Helvetica, WinAnsiEncoding, Flate content
// streams; scanned pages are set in the Go fonts with golang.org/x/image and
// degraded with integer arithmetic on a fixed seed), so the good fixtures
// are byte-for-byte reproducible. The
// encrypted fixture needs qpdf and carries random salts: it is only
// rewritten with -encrypt. The content is fictional.
//
// Usage, from the repository root:
//
//	go run ./internal/tools/mkpdf -out ingest/pdfdoc/testdata \
//	    -corpus testdata/corpus/board-papers -bad testdata/bad [-encrypt]
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
)

func main() {
	out := flag.String("out", "ingest/pdfdoc/testdata", "directory for good fixtures (bad ones go to its bad/ subdirectory)")
	corpusDir := flag.String("corpus", "", "also copy the board pack here (the demo corpus)")
	badDir := flag.String("bad", "", "also copy the bad PDFs here")
	encrypt := flag.Bool("encrypt", false, "rewrite encrypted.pdf with qpdf (random salts: the bytes change)")
	flag.Parse()
	if err := run(*out, *corpusDir, *badDir, *encrypt); err != nil {
		fmt.Fprintln(os.Stderr, "mkpdf:", err)
		os.Exit(1)
	}
}

func run(out, corpusDir, badDir string, encrypt bool) error {
	pack := boardPack()
	goods := map[string][]byte{
		"board-pack-2008-11.pdf":    pack,
		"ig-annual-report-2010.pdf": annualReport(),
		"board-minutes-2010-03.pdf": boardMinutes(),
		// Scans, for OCR: no text layer at all, and one scanned page
		// between typed ones.
		"scanned-board-paper-2009-02.pdf": scannedPaper(),
		"mixed-board-pack-2009-03.pdf":    mixedPack(),
	}
	bads := map[string][]byte{
		"truncated.pdf":  pack[:len(pack)*3/5],
		"image-only.pdf": imageOnly(),
		"html-named.pdf": []byte("<!DOCTYPE html>\n<html><head><title>Board papers</title></head>\n<body><p>The file you asked for has moved. <a href=\"/board/2008/november.pdf\">Download the November board papers</a>.</p></body></html>\n"),
	}
	bad := filepath.Join(out, "bad")
	for _, d := range []string{out, bad, corpusDir, badDir} {
		if d != "" {
			if err := os.MkdirAll(d, 0o755); err != nil {
				return err
			}
		}
	}
	for name, b := range goods {
		if err := os.WriteFile(filepath.Join(out, name), b, 0o644); err != nil {
			return err
		}
	}
	for name, b := range bads {
		if err := os.WriteFile(filepath.Join(bad, name), b, 0o644); err != nil {
			return err
		}
	}
	if corpusDir != "" {
		if err := os.WriteFile(filepath.Join(corpusDir, "northfield-trust-board-2008-11-26.pdf"), pack, 0o644); err != nil {
			return err
		}
	}
	enc := filepath.Join(bad, "encrypted.pdf")
	if encrypt {
		src := filepath.Join(out, "ig-annual-report-2010.pdf")
		cmd := exec.Command("qpdf", "--encrypt", "user", "owner", "256", "--", src, enc)
		if b, err := cmd.CombinedOutput(); err != nil {
			return fmt.Errorf("qpdf: %v: %s", err, b)
		}
	}
	if badDir != "" {
		for _, name := range []string{"truncated.pdf", "image-only.pdf", "encrypted.pdf"} {
			b, err := os.ReadFile(filepath.Join(bad, name))
			if err != nil {
				return err
			}
			if err := os.WriteFile(filepath.Join(badDir, name), b, 0o644); err != nil {
				return err
			}
		}
	}
	return nil
}

const packHeader = "Northfield Hospitals NHS Trust — Trust Board, 26 November 2008 — Public papers"

// boardPack is a 2008 trust board pack: a cover with the agenda, papers in
// two columns, a finance table and last month's minutes.
func boardPack() []byte {
	b := newBook(packHeader)

	// Cover and agenda.
	b.newPage(1)
	b.para(b.bold, 16, "Northfield Hospitals NHS Trust", 8)
	b.para(b.bold, 20, "Trust Board Meeting – 26 November 2008", 4)
	b.para(b.regular, 11, "To be held in public on Wednesday 26 November 2008 at 10:00 in the Boardroom, Northfield General Hospital", 14)
	b.para(b.bold, 12, "AGENDA", 4)
	b.table([]float64{0.08, 0.52, 0.25, 0.15}, []bool{false, false, false, false}, [][]string{
		{"Item", "Title", "Presenter", "Paper"},
		{"1", "Apologies for absence", "Chairman", "Verbal"},
		{"2", "Declarations of interest", "Chairman", "Verbal"},
		{"3", "Minutes of the meeting held on 29 October 2008", "Chairman", "TB/08/109"},
		{"4", "Matters arising and action log", "Trust Secretary", "TB/08/110"},
		{"5", "Chief Executive’s report", "Chief Executive", "TB/08/111"},
		{"6", "Quality and patient safety report", "Medical Director", "TB/08/112"},
		{"7", "Electronic Patient Record programme", "", ""},
		{"7.1", "Cerner Millennium deployment update", "Director of IM&T", "TB/08/113"},
		{"7.2", "Cerner Millennium recovery plan and revised benefits realisation timetable", "Director of IM&T", "TB/08/114"},
		{"8", "Finance report: month 7 (October 2008)", "Director of Finance", "TB/08/115"},
		{"9", "Any other business", "Chairman", "Verbal"},
		{"10", "Date of next meeting: Wednesday 17 December 2008", "", ""},
	})
	b.para(b.regular, 9, "Members of the public are welcome to attend. Papers are available from the Trust Secretary, telephone 01234 567890.", 0)

	// 5: chief executive's report, two columns.
	b.newPage(1)
	b.para(b.bold, 13, "Agenda item 5: Chief Executive’s report", 2)
	b.para(b.regular, 9, "Report to: Trust Board. Date: 26 November 2008. Paper: TB/08/111. Author: Chief Executive.", 8)
	b.setColumns(2)
	b.heading("Performance")
	b.body("Accident and emergency performance was 97.6 per cent in October against the four-hour standard of 98 per cent. The Trust met the cancer two-week wait standard for the sixth month running. Reporting of referral to treatment times remains suspended while the waiting list is validated after the move to the new patient administration system; the Board will receive a full report under item 7.")
	b.heading("Electronic patient record")
	b.body("The deployment of Cerner Millennium has been the largest change programme the Trust has undertaken. I want to thank the staff in outpatients, medical records and the wards, who have worked long hours since June to keep services running. The programme has attracted national attention and I met the Director General for NHS Informatics on 4 November 2008 to discuss the lessons for the trusts that follow us.")
	b.body("The Board will be asked under item 7.2 to approve a recovery plan. The plan includes additional costs of £450,000 this year, and it defers part of the expected benefits to 2011/12.")
	b.heading("Foundation trust application")
	b.body("Following discussion with the strategic health authority, the Trust has agreed to defer its application for foundation trust status until the recovery plan has been delivered. A revised timetable will come to the Board in April 2009.")
	b.heading("Estates")
	b.body("The new day surgery unit opened on 10 November 2008, on time and within its budget of £6.8m. It will allow 3,000 more day cases a year to be treated away from the main theatres.")
	b.heading("Staff survey")
	b.body("The 2008 national staff survey closed on 31 October with a response rate of 54 per cent. Results are expected in March 2009, and an action plan will be brought to the Board.")
	b.heading("Recommendation")
	b.body("The Board is asked to note the report.")

	// 7.1: deployment update, two columns.
	b.newPage(1)
	b.para(b.bold, 13, "Agenda item 7.1: Cerner Millennium deployment update", 2)
	b.para(b.regular, 9, "Report to: Trust Board. Date: 26 November 2008. Paper: TB/08/113. Author: Director of IM&T.", 8)
	b.setColumns(2)
	b.heading("1. Purpose")
	b.body("This paper updates the Board on the deployment of the Cerner Millennium electronic patient record, which went live across the acute wards and the outpatient department over the weekend of 14 June 2008 as part of the National Programme for IT in the NHS. It sets out progress against the stabilisation plan agreed in September and the risks that remain.")
	b.heading("2. Background")
	b.body("The Trust signed the deployment agreement with the local service provider, BT Health London, in March 2007. The total capital cost approved by the Board was £12.4m over five years, of which £4.1m is funded centrally by NHS Connecting for Health. The revenue consequences were estimated at £1.8m a year from 2009/10.")
	b.body("Millennium replaced the patient administration system that had been in use since 1994, together with the theatres system and the order communications system. The implementation was the first of its kind in the cluster and the Trust agreed to act as an early adopter.")
	b.heading("3. Go-live and stabilisation")
	b.body("Go-live took place as planned. In the first eight weeks the number of patients without a recorded outcome on the waiting list rose to 4,200, and 18-week referral to treatment reporting was suspended from July 2008. Clinic lists were re-keyed by a validation team of 26 temporary staff at a cost of £310,000.")
	b.body("By the end of October the backlog of unvalidated records had fallen to 1,150. The supplier has delivered eleven of the sixteen fixes on the critical issues list; the remaining five are scheduled for the release due on 8 December 2008.")
	b.bullet("Outpatient booking: cancelled appointments are now released to the partial booking list within one working day.")
	b.bullet("Theatres: the interface to the anaesthetic record is live and the double entry of theatre lists ended on 3 November 2008.")
	b.bullet("Reporting: the weekly waiting list extract has been rebuilt and was tested against the old system in October.")
	b.heading("4. Risks")
	b.body("The principal risks are the accuracy of the waiting list, the loss of income from activity that is not coded on time, and staff fatigue in the medical records and outpatient teams. Unbilled activity for July to September is estimated at £1.3m; the coding team expects to recover £900,000 of this by the end of December.")
	b.body("A full implementation review will be carried out by the programme board with the strategic health authority in January 2009 and reported to the Board in February.")
	b.heading("5. Recommendation")
	b.body("The Board is asked to note progress with stabilisation and the remaining risks, and to support the extension of the validation team until 31 March 2009.")

	// 7.2: recovery plan.
	b.newPage(1)
	b.para(b.bold, 13, "Agenda item 7.2: Cerner Millennium recovery plan and revised benefits realisation timetable", 2)
	b.para(b.regular, 9, "Report to: Trust Board. Date: 26 November 2008. Paper: TB/08/114.", 8)
	b.setColumns(2)
	b.heading("1. Summary")
	b.body("The recovery plan brings together the actions needed to restore routine reporting of referral to treatment times, to recover lost income and to complete the implementation of the clinical documentation modules that were deferred at go-live. It was agreed by the executive team on 11 November 2008.")
	b.heading("2. Waiting list recovery")
	b.body("Reporting of 18-week performance to the commissioners will resume with the December return. Every pathway open at go-live has been checked by hand, and a sample of 400 pathways was audited by the internal auditors, who found an error rate of 2.5 per cent. The validation team will then move to business as usual under the Head of Access.")
	b.heading("3. Clinical modules")
	b.body("Electronic prescribing and the nursing documentation module were deferred at go-live. The revised timetable plans electronic prescribing for the surgical wards in September 2009 and for the medical wards in March 2010, subject to the release of the new version by the supplier.")
	b.heading("4. Benefits")
	b.body("The original business case forecast cash-releasing benefits of £2.2m a year by 2010/11, mainly from reduced medical records storage, transcription and agency costs. The revised timetable moves £700,000 of these benefits into 2011/12. Non-cash benefits, such as fewer duplicate tests, remain as forecast.")
	b.heading("5. Governance")
	b.body("The EPR programme board will meet fortnightly until 31 March 2009, chaired by the Chief Executive. The Director of IM&T will report progress to each Board meeting, with a full review of the recovery plan in March 2009.")
	b.heading("6. Recommendation")
	b.body("The Board is asked to approve the recovery plan and the revised benefits realisation timetable, and to note the additional cost of £450,000 in 2008/09, which is included in the forecast outturn.")

	// 8: finance report with a table.
	b.newPage(1)
	b.para(b.bold, 13, "Agenda item 8: Finance report, month 7 (October 2008)", 2)
	b.para(b.regular, 9, "Report to: Trust Board. Date: 26 November 2008. Paper: TB/08/115. Author: Director of Finance.", 8)
	b.para(b.regular, 9.5, "At the end of October the Trust reports a deficit of £1,240k against a planned surplus of £310k, an adverse variance of £1,550k. The table below summarises the position by division; figures are in thousands of pounds.", 8)
	b.table([]float64{0.34, 0.165, 0.165, 0.165, 0.165}, []bool{false, true, true, true, true}, [][]string{
		{"Division", "Annual budget £000", "Budget to date £000", "Actual to date £000", "Variance £000"},
		{"Surgery", "48,200", "28,117", "28,950", "(833)"},
		{"Medicine", "52,600", "30,683", "31,120", "(437)"},
		{"Women’s and children’s", "21,900", "12,775", "12,690", "85"},
		{"Clinical support", "18,400", "10,733", "10,980", "(247)"},
		{"IM&T (including EPR)", "9,800", "5,717", "6,335", "(618)"},
		{"Corporate", "14,300", "8,342", "8,142", "200"},
		{"Reserves and income", "(165,510)", "(96,677)", "(96,977)", "300"},
		{"Total", "(310)", "(310)", "1,240", "(1,550)"},
	})
	b.setColumns(2)
	b.heading("Commentary")
	b.body("The largest adverse variance is in Surgery, where theatre sessions were lost in June and July while the new system was stabilised. IM&T is £618k overspent, mainly on the validation team and on additional support from the supplier, which was not in the original budget.")
	b.body("Income is £300k above plan after the coding team cleared part of the backlog of uncoded activity. A further £900k is expected to be billed by the end of December 2008.")
	b.heading("Forecast")
	b.body("The forecast outturn for 2008/09 is a deficit of £1.9m. The Director of Finance has agreed a recovery plan of £2.1m with the divisions, which would return the Trust to a small surplus of £0.2m by 31 March 2009 if delivered in full.")
	b.heading("Recommendation")
	b.body("The Board is asked to note the month 7 position and the forecast, and to approve the recovery plan.")

	// Minutes of the previous meeting (item 3).
	b.newPage(1)
	b.para(b.bold, 13, "Item 3: Minutes of the Trust Board meeting held in public on 29 October 2008", 8)
	b.setColumns(2)
	b.para(b.bold, 9.5, "Present:", 2)
	b.body("Mr J Harding (Chairman), Ms A Okafor (Chief Executive), Dr P Lindqvist (Medical Director), Mrs S Patel (Director of Finance), Mr D Evans (Director of IM&T), Professor R Hale (Non-executive Director).")
	b.heading("TB08/101 Apologies")
	b.body("Apologies were received from Mrs K Mensah, Director of Nursing.")
	b.heading("TB08/104 EPR programme")
	b.body("Mr Evans reported that the validation of the waiting list was on track to finish by the end of November. The Board asked for the recovery plan and a revised benefits timetable to come to the November meeting.")
	b.heading("TB08/106 Finance report")
	b.body("Mrs Patel presented the month 6 position, a deficit of £980k. The Board noted the cost pressures arising from the EPR deployment.")
	b.heading("TB08/108 Date of next meeting")
	b.body("Wednesday 26 November 2008 at 10:00 in the Boardroom.")

	pages := b.finish()
	return writePDF(pages, []*font{b.regular, b.bold}, nil, docInfo{
		Title:    "Trust Board Meeting 26 November 2008 – Public Papers",
		Author:   "Trust Secretary",
		Subject:  "Synthetic test fixture generated by trawl mkpdf; the content is fictional",
		Creator:  "trawl mkpdf",
		Producer: "trawl mkpdf",
		Created:  "D:20081119093000Z",
	})
}

// annualReport is a single-column report with a Word-style junk title.
func annualReport() []byte {
	b := newBook("Westmoor Community Health NHS Trust — Information Governance Annual Report 2009/10")
	b.newPage(1)
	b.para(b.bold, 18, "Information Governance Annual Report 2009/10", 6)
	b.para(b.regular, 11, "Westmoor Community Health NHS Trust", 2)
	b.para(b.regular, 11, "Published: June 2010", 14)
	b.heading("1. Introduction")
	b.body("This report describes how the Trust managed personal information during 2009/10 and sets out its plans for the coming year. It covers the Information Governance Toolkit return, incidents reported to the Information Commissioner’s Office, and the move to the new community clinical system.")
	b.heading("2. Information Governance Toolkit")
	b.body("The Trust submitted version 7 of the toolkit on 31 March 2010 with an overall score of 71 per cent, rated “satisfactory”. Improvement plans are in place for the three requirements that scored level 1, all of which relate to records management in community teams.")
	b.heading("3. Incidents")
	b.body("Twenty-three information governance incidents were reported in the year, compared with thirty-one in 2008/09. One incident, the loss of an unencrypted memory stick in September 2009, was reported to the Information Commissioner. All laptops have since been encrypted, at a cost of £46,000.")
	b.table([]float64{0.5, 0.25, 0.25}, []bool{false, true, true}, [][]string{
		{"Type of incident", "2008/09", "2009/10"},
		{"Lost or stolen hardware", "6", "4"},
		{"Disclosed in error", "15", "12"},
		{"Inappropriate access to records", "7", "5"},
		{"Other", "3", "2"},
	})
	b.heading("4. Community clinical system")
	b.body("The Trust replaced its community patient administration system with SystmOne between October 2009 and February 2010. Each of the 1,400 users completed role-based access control training before receiving a smartcard. The implementation cost £820,000, of which £500,000 was met by the strategic health authority.")
	b.body("A privacy impact assessment was completed before the first team moved to the new system, and records shared with general practices are governed by a data sharing agreement signed in November 2009.")
	b.heading("5. Plans for 2010/11")
	b.body("The Trust aims to reach level 2 in every toolkit requirement by March 2011, to complete the scanning of paper records held by the district nursing teams, and to publish a revised records retention schedule.")
	pages := b.finish()
	return writePDF(pages, []*font{b.regular, b.bold}, nil, docInfo{
		Title:    "Microsoft Word - IG_annual_report_2009-10_v3.doc",
		Author:   "jsmith",
		Subject:  "Synthetic test fixture generated by trawl mkpdf; the content is fictional",
		Creator:  "PScript5.dll Version 5.2.2",
		Producer: "Acrobat Distiller 8.1.0 (Windows)",
		Created:  "D:20100615143000+01'00'",
	})
}

// boardMinutes is a set of minutes in another trust's style: no date in the
// metadata, items numbered like BD/10/23.
func boardMinutes() []byte {
	b := newBook("")
	b.footer = func(n, total int) string { return itoa(n) }
	b.newPage(1)
	b.para(b.bold, 14, "Eastcombe University Hospitals NHS Foundation Trust", 4)
	b.para(b.bold, 12, "Minutes of the meeting of the Board of Directors held in public on Wednesday 3 March 2010 at 2.00 pm in the Education Centre", 10)
	b.para(b.bold, 9.5, "Present:", 2)
	b.body("Dr M Collins (Chair), Mr T Barker (Chief Executive), Ms L Green (Director of Finance), Mr R Shah (Chief Information Officer), Mrs E Wood (Non-executive Director).")
	b.heading("BD/10/21 Apologies for absence")
	b.body("There were no apologies.")
	b.heading("BD/10/22 Minutes of the previous meeting")
	b.body("The minutes of the meeting held on 3 February 2010 were approved as a correct record.")
	b.heading("BD/10/23 Electronic patient record: outline business case")
	b.body("Mr Shah presented the outline business case for a replacement electronic patient record. Three options had been appraised: remaining with the current iSoft iPM system, joining the regional Lorenzo deployment, or procuring a system directly. The preferred option, direct procurement, had a whole-life cost of £18.6m over ten years. The Board approved the outline business case and asked for the full business case in September 2010.")
	b.heading("BD/10/24 Finance report, month 10")
	b.body("Ms Green reported a surplus of £2.3m to the end of January 2010, £0.4m ahead of plan. Capital spending was £1.1m behind plan, mainly because the theatre refurbishment had slipped to April 2010.")
	b.heading("BD/10/25 Date of next meeting")
	b.body("Wednesday 7 April 2010 at 2.00 pm.")
	pages := b.finish()
	return writePDF(pages, []*font{b.regular, b.bold}, nil, docInfo{
		Subject:  "Synthetic test fixture generated by trawl mkpdf; the content is fictional",
		Producer: "LibreOffice 3.2",
	})
}

// imageOnly is a scanned-looking page: one grey raster of text-like bars and
// no text layer.
func imageOnly() []byte {
	const w, h = 600, 850
	img := &grayImage{w: w, h: h, pix: make([]byte, w*h)}
	for i := range img.pix {
		img.pix[i] = 0xf4
	}
	seed := uint32(2008)
	rnd := func() uint32 { seed = seed*1664525 + 1013904223; return seed >> 16 }
	for y := 80; y < h-80; y += 18 {
		x := 60
		for x < w-60 {
			word := 12 + int(rnd()%50)
			if x+word > w-60 {
				break
			}
			for yy := y; yy < y+9; yy++ {
				for xx := x; xx < x+word; xx++ {
					img.pix[yy*w+xx] = 0x30
				}
			}
			x += word + 6
		}
	}
	p := &page{}
	p.image(0, 0, pageW, pageH)
	return writePDF([]*page{p}, nil, img, docInfo{Producer: "Scanner ScanSnap Manager", Created: "D:20090211101500Z"})
}
