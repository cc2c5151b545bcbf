package format

import (
	"strings"
	"testing"

	"github.com/nhs-trawl/trawl/corpus"
)

func TestDetectMeeting(t *testing.T) {
	tests := []struct {
		name  string
		text  string
		nil   bool     // want no meeting
		date  string   // want this meeting date ("" for none)
		items []string // want these items, "number: title", in order; nil to skip
	}{
		{name: "cover title with en dash",
			text: "Northfield Hospitals NHS Trust\n\nTrust Board Meeting – 26 November 2008\n\nAGENDA\n\n1 | Apologies for absence | Chairman | Verbal\n7.2 | Cerner Millennium recovery plan | Director of IM&T | TB/08/114",
			date: "2008-11-26", items: []string{"1: Apologies for absence", "7.2: Cerner Millennium recovery plan"}},
		{name: "held in public with weekday",
			text: "Meeting of the Board of Directors held in public on Wednesday 3 March 2010 at 2.00 pm\n\nPresent: Dr M Collins (Chair)",
			date: "2010-03-03"},
		{name: "date of meeting field",
			text: "Report to the Trust Board\n\nDate of meeting: 26/11/2008\n\nTitle: Finance report month 7\n\nThe Board is asked to note the report.",
			date: "2008-11-26"},
		{name: "meeting date field with two-digit year",
			text: "Enclosure 4\nMeeting date: 07/04/09\nAgenda item: 9\nTitle: EPR update",
			date: "2009-04-07"},
		{name: "minutes held on",
			text: "Minutes of the Trust Board held on Thursday 24th January 2013 in the Board Room\n\nPresent: Mr A Smith, Chairman\n\nTB2013.01 Apologies\nApologies were received from Mrs Jones.\n\nTB2013.02 Electronic Patient Record update\nThe Director of IT reported that Lorenzo went live on 10 January.",
			date: "2013-01-24", items: []string{"TB2013.01: Apologies", "TB2013.02: Electronic Patient Record update"}},
		{name: "title then date on next line",
			text: "PUBLIC TRUST BOARD MEETING\n\n25 June 2015\n\nAgenda\n\n1. Welcome and apologies\n2. Declarations of interest\n3. Minutes of the previous meeting",
			date: "2015-06-25", items: []string{"1: Welcome and apologies", "2: Declarations of interest", "3: Minutes of the previous meeting"}},
		{name: "US order date",
			text: "Board of Directors Meeting, March 5, 2014\n\nAgenda item 4: Informatics strategy",
			date: "2014-03-05", items: []string{"4: Informatics strategy"}},
		{name: "month only",
			text: "Trust Board meeting – September 2011\n\nPaper for approval\n\nItem 12: Annual plan",
			date: "2011-09", items: []string{"12: Annual plan"}},
		{name: "council of governors",
			text: "Council of Governors – 14 October 2016\n\nApologies for absence\n\nItem 3 – Lead governor report",
			date: "2016-10-14", items: []string{"3: Lead governor report"}},
		{name: "item words with colon and dash",
			text: "Trust Board Meeting 2 May 2012\n\nItem 9: Finance report\n\nItem 10 - Cerner Millennium update\n\nAgenda item 12\nPatient safety walkabouts",
			date: "2012-05-02", items: []string{"9: Finance report", "10: Cerner Millennium update", "12: Patient safety walkabouts"}},
		{name: "reference-coded minutes",
			text: "Minutes of the meeting of the Board of Directors held on 3 March 2010\n\nBD/10/21 Apologies for absence\nThere were no apologies.\n\nBD/10/23 Electronic patient record: outline business case\nMr Shah presented the case.",
			date: "2010-03-03", items: []string{"BD/10/21: Apologies for absence", "BD/10/23: Electronic patient record: outline business case"}},
		{name: "reference with dot and year",
			text: "Trust Board – 28 July 2011\n\nTB2011.07 Electronic Patient Record update\n\nTB2011.08 Finance report",
			date: "2011-07-28", items: []string{"TB2011.07: Electronic Patient Record update", "TB2011.08: Finance report"}},
		{name: "agenda with dotted leaders",
			text: "Trust Board Meeting – 1 February 2017\n\nAGENDA\n\n1 Apologies .......... 1\n2 Chief Executive's report .......... 3\n3 Digital strategy .......... 12",
			date: "2017-02-01", items: []string{"1: Apologies", "2: Chief Executive's report", "3: Digital strategy"}},
		{name: "first date on title line wins over later minutes",
			text: "Trust Board Meeting – 26 November 2008\n\nItem 3: Minutes of the Trust Board meeting held in public on 29 October 2008",
			date: "2008-11-26", items: []string{"3: Minutes of the Trust Board meeting held in public on 29 October 2008"}},
		{name: "next meeting is not this meeting",
			text: "Chief Executive's report\n\nThe Board is asked to note the report.\n\nDate of next meeting: 17 December 2008",
			nil:  true},
		{name: "minutes of previous meeting line is skipped",
			text: "Minutes of the previous meeting held on 3 February 2010\n\nTrust Board Meeting – 3 March 2010\n\nPresent: Dr Collins",
			date: "2010-03-03"},
		{name: "board paper without a date but with agenda items",
			text: "Report to: Trust Board\n\nAgenda item 7.1: EPR deployment\n\nThe Board is asked to approve the plan.\n\nItem 7.2: Recovery plan",
			date: "", items: []string{"7.1: EPR deployment", "7.2: Recovery plan"}},
		{name: "items need an agenda heading for plain numbers",
			text: "Trust Board Meeting 4 April 2012\n\n1. Purpose\nThis paper sets out the plan.\n\n2. Background\nThe Trust signed the contract.",
			date: "2012-04-04", items: []string{}},
		{name: "news article mentioning a board paper",
			text: "Barts warns of Cerner delays\n\n14 March 2009\n\nBarts and The London NHS Trust has warned of further delays, according to a November board paper seen by E-Health Insider. The paper said the trust had lost £13m of income since go-live.",
			nil:  true},
		{name: "news article about a board meeting",
			text: "Trust board told of EPR problems\n\nBy Jon Hoeksma | 19 January 2012\n\nThe trust board meeting on 18 January 2012 heard that the Lorenzo system had caused a backlog of 2,000 letters. The board approved a recovery plan.",
			nil:  true},
		{name: "news headline with board meeting and dateline",
			text: "Board meeting chaos at Barts\n\n14 March 2009\n\nThe trust's board was told that the Cerner system had failed again.",
			nil:  true},
		{name: "plain report",
			text: "Information Governance Annual Report 2009/10\n\nPublished: June 2010\n\n1. Introduction\nThis report describes how the Trust managed personal information.",
			nil:  true},
		{name: "empty", text: "", nil: true},
		{name: "long paragraph with board and date",
			text: strings.Repeat("The Board of Directors at the trust met on 5 May 2011 and a long discussion followed about the future of the hospital and its services. ", 3),
			nil:  true},
		{name: "public board with part 1",
			text: "Part 1 Board meeting in public\nThursday 6th December 2018\nBoardroom, Trust HQ\n\nAgenda\n\n1.1 Welcome\n1.2 Apologies\n2.1 Patient story",
			date: "2018-12-06", items: []string{"1.1: Welcome", "1.2: Apologies", "2.1: Patient story"}},
		{name: "item number without title uses next line",
			text: "Trust Board – 9 June 2010\n\nAgenda item 12\nEPR benefits realisation\n\nThe Board is asked to note.",
			date: "2010-06-09", items: []string{"12: EPR benefits realisation"}},
		{name: "agenda table header row",
			text: "Board of Directors (Public) meeting – 30 September 2020\n\nItem | Title | Lead\n1 | Welcome and apologies | Chair\n2 | Electronic patient record programme | CIO",
			date: "2020-09-30", items: []string{"1: Welcome and apologies", "2: Electronic patient record programme"}},
		{name: "agenda ends after prose",
			text: "Trust Board Meeting 3 March 2010\n\nAgenda\n\n1. Apologies\n\nMinutes follow.\nThe Board met at noon.\nThe Chair opened the meeting.\nThe Chief Executive spoke.\nThe Finance Director spoke.\n\n2. This number is a paragraph, not an item",
			date: "2010-03-03", items: []string{"1: Apologies"}},
	}
	if len(tests) < 25 {
		t.Fatalf("only %d cases", len(tests))
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := DetectMeeting(tt.text)
			if tt.nil {
				if m != nil {
					t.Fatalf("DetectMeeting(%q) = %+v; want nil", short(tt.text), m)
				}
				return
			}
			if m == nil {
				t.Fatalf("DetectMeeting(%q) = nil; want a meeting", short(tt.text))
			}
			if got := m.Date.String(); got != tt.date {
				t.Errorf("DetectMeeting(%q).Date = %q; want %q", short(tt.text), got, tt.date)
			}
			if tt.items == nil {
				return
			}
			var got []string
			for _, it := range m.Items {
				got = append(got, it.Number+": "+it.Title)
				if it.Start < 0 || it.Start >= len(tt.text) || !strings.Contains(lineAt(tt.text, it.Start), it.Number) {
					t.Errorf("item %s: offset %d is not at its line", it.Number, it.Start)
				}
			}
			if strings.Join(got, "\n") != strings.Join(tt.items, "\n") {
				t.Errorf("DetectMeeting(%q).Items =\n%s\nwant\n%s", short(tt.text), strings.Join(got, "\n"), strings.Join(tt.items, "\n"))
			}
		})
	}
}

func lineAt(s string, off int) string {
	end := strings.IndexByte(s[off:], '\n')
	if end < 0 {
		return s[off:]
	}
	return s[off : off+end]
}

func short(s string) string {
	if len(s) > 60 {
		return s[:60] + "..."
	}
	return s
}

func FuzzDetectMeeting(f *testing.F) {
	f.Add("Trust Board Meeting – 26 November 2008\n\nAGENDA\n1 | Apologies | Chair")
	f.Add("Minutes of the Trust Board held on 3/3/10\nTB2010.01 Apologies")
	f.Add("Item 9: Finance report\nItem 10: EPR")
	f.Fuzz(func(t *testing.T, s string) {
		m := DetectMeeting(s)
		if m == nil {
			return
		}
		if !m.Date.Valid() {
			t.Errorf("invalid date %v", m.Date)
		}
		for _, it := range m.Items {
			if it.Start < 0 || it.Start > len(s) {
				t.Errorf("item offset %d outside text of %d bytes", it.Start, len(s))
			}
		}
	})
}

func TestApplyMeeting(t *testing.T) {
	paper := "Trust Board Meeting – 26 November 2008\n\nAgenda\n\n7.1 Cerner Millennium deployment update\n\n7.2 Recovery plan"
	for _, tt := range []struct {
		name    string
		text    string
		pub     corpus.Date
		src     corpus.DateSource
		want    string
		wantSrc corpus.DateSource
		board   bool
	}{
		{"no date yet", paper, corpus.Date{}, "", "2008-11-26", corpus.DateFromTitlePage, true},
		{"over a dateline", paper, corpus.DayDate(2008, 11, 20), corpus.DateFromDateline, "2008-11-26", corpus.DateFromTitlePage, true},
		{"over file metadata", paper, corpus.DayDate(2008, 12, 1), corpus.DateFromFileMetadata, "2008-11-26", corpus.DateFromTitlePage, true},
		{"not over a sidecar", paper, corpus.MonthDate(2008, 12), corpus.DateFromSidecar, "2008-12", corpus.DateFromSidecar, true},
		{"not over JSON-LD", paper, corpus.DayDate(2008, 11, 27), corpus.DateFromJSONLD, "2008-11-27", corpus.DateFromJSONLD, true},
		{"not a board paper", "A news story about a November board paper.", corpus.Date{}, "", "", "", false},
	} {
		d := &corpus.Document{Text: tt.text, Published: tt.pub, PublishedSource: tt.src}
		ApplyMeeting(d)
		if d.Published.String() != tt.want || d.PublishedSource != tt.wantSrc || (d.Kind == corpus.KindBoardPaper) != tt.board || (d.Meeting != nil) != tt.board {
			t.Errorf("%s: published %q from %q, kind %q, meeting %v; want %q from %q, board paper %v",
				tt.name, d.Published, d.PublishedSource, d.Kind, d.Meeting != nil, tt.want, tt.wantSrc, tt.board)
		}
	}
}
