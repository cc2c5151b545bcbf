package temporal

import (
	"strings"
	"testing"

	"github.com/nhs-trawl/trawl/corpus"
)

// render writes mentions compactly: value, then * when relative, @mod, and
// ~ when fuzzy; several are joined by ", ".
func render(ms []Mention) string {
	var b strings.Builder
	for i, m := range ms {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(m.Value)
		if m.Relative {
			b.WriteByte('*')
		}
		if m.Mod != "" {
			b.WriteString("@" + m.Mod)
		}
		if m.Fuzzy {
			b.WriteByte('~')
		}
	}
	return b.String()
}

func mustRef(t *testing.T, s string) corpus.Date {
	t.Helper()
	d, err := corpus.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

var tagCases = []struct {
	in, ref, want string
}{
	// Absolute days, UK and US forms.
	{"The system went live on 6 October 2008.", "", "2008-10-06"},
	{"It went live on October 6, 2008, at the Royal Free.", "", "2008-10-06"},
	{"It went live on 6th Oct 2008.", "", "2008-10-06"},
	{"It went live on the 6th of October 2008.", "", "2008-10-06"},
	{"Deadline: 06/10/2008.", "", "2008-10-06"},
	{"Signed 6/10/08 by the clerk.", "", "2008-10-06"},
	{"Minutes of 06.10.2008 were approved.", "", "2008-10-06"},
	{"The meeting on 2008-10-06 approved it.", "", "2008-10-06"},
	{"A US memo dated 10/25/2008 was leaked.", "", "2008-10-25"},
	{"On Monday 6 October 2008 the board met.", "", "2008-10-06"},
	{"Published Wed 6 Oct 2010.", "", "2010-10-06"},
	{"It was signed on Oct. 6, 2008.", "", "2008-10-06"},
	{"The leap day, 29 February 2008, passed.", "", "2008-02-29"},
	{"It happened on 5 November 2008 and 6 November 2008.", "", "2008-11-05, 2008-11-06"},
	{"The deal was signed on 31 March 2010.", "2012-01-19", "2010-03-31"},
	{"THE BOARD MET ON 6 OCTOBER 2008", "", "2008-10-06"},

	// Year-less days resolved by the reference and the tense.
	{"The plan was launched on 6 October.", "2008-11", "2008-10-06*"},
	{"The plan will be launched on 6 October.", "2008-11", "2009-10-06*"},
	{"The review is on 6 October.", "2010", "2010-10-06*"},
	{"The plan was launched on 6 October.", "", ""},
	{"It opened on March 3.", "2009-03", "2009-03-03*"},
	{"The board will meet on 20 January.", "2012-01-19", "2012-01-20*"},
	{"The board met on 20 January.", "2012-01-19", "2011-01-20*"},

	// Spans of days.
	{"The conference runs 3-4 May 2011.", "", "2011-05-03/2011-05-04"},
	{"It is held on 3 to 4 May 2011.", "", "2011-05-03/2011-05-04"},
	{"It is held on 3–4 May 2011.", "", "2011-05-03/2011-05-04"},
	{"It is held May 3-4, 2011.", "", "2011-05-03/2011-05-04"},
	{"The event will be held on 3-4 May.", "2011-02", "2011-05-03/2011-05-04*"},
	{"The system was down from 30 April to 2 May 2011.", "", "2011-04-30/2011-05-02"},

	// Months.
	{"The trust went live in October 2008.", "", "2008-10"},
	{"The report (Oct 2008) said so.", "", "2008-10"},
	{"They went live with Cerner Millennium last June.", "2009-03", "2008-06*"},
	{"It will go live next June.", "2009-03", "2009-06*"},
	{"It will go live this June.", "2009-03", "2009-06*"},
	{"The problems were so serious that, in October, all CRS deployments were suspended.", "2008-11", "2008-10*"},
	{"The trust will go live in October.", "2009-03", "2009-10*"},
	{"BT announced in October that it would suspend all future deployment plans.", "2008-11", "2008-10*"},
	{"In February, the board said significant progress had been made.", "2009-03", "2009-02*"},
	{"Kingston had been examining going live by April, but says it is now clear.", "2009-03", "2009-04*@by"},
	{"By early September it became apparent that the trust could not continue.", "2008-11", "2008-09*@early"},
	{"The trust went live in late November.", "2008-12", "2008-11*@late"},
	{"The go-live is planned for mid-October.", "2009-03", "2009-10*@mid"},
	{"Work must finish by the end of March 2010.", "", "2010-03@end"},
	{"The trust went live in June last year.", "2009-03", "2008-06*"},
	{"It will go live in June next year.", "2009-03", "2010-06*"},
	{"Activity fell during the months of July and August 2008.", "2008-11", "2008-07, 2008-08"},
	{"Activity fell between December and January 2009.", "", "2008-12, 2009-01"},
	{"In a November board paper, the chief executive says so.", "2008-11", "2008-11*"},
	{"The trust said earlier this month that it would pause.", "2009-03", "2009-03*"},
	{"The board met last month.", "2009-03", "2009-02*"},
	{"The board meets next month.", "2008-12", "2009-01*"},
	{"It should be agreed at the end of the month.", "2009-03", "2009-03*@end"},
	{"It should be agreed at the end of February.", "2009-03", "2009-02*@end"},
	{"The trust went live in June.", "2010", "2010-06*"},
	{"The trust went live last June.", "2010", ""},
	{"The trust went live in June.", "", ""},
	{"In March the trust will decide.", "2009-03", "2009-03*"},
	{"The plan is due to be signed off in January.", "2008-11", "2009-01*"},
	{"May 2010 saw a general election.", "", "2010-05"},
	{"In May, the trust went live.", "2010-09", "2010-05*"},
	{"The trust hopes to go live in May.", "2010-09", "2011-05*"},
	{"EHI has learned that the February deadline passed unmet.", "2009-03", "2009-02*"},
	{"Kingston told EHI it had postponed go-live from November.", "2009-03", "2008-11*"},
	{"Figures for Jan 2010 were late.", "", "2010-01"},
	{"The data for Sept 2009 are in.", "", "2009-09"},
	{"April saw the first go-live.", "2009-06", "2009-04*"},
	{"The contract will end in December.", "2012-01-19", "2012-12*"},
	{"Timescale: end Dec 2011.", "", "2011-12@end"},
	{"Monthly data from Apr-11 to Oct-11 show a decline.", "", "2011-04, 2011-10"},

	// Not months.
	{"Trusts may go live later.", "2009-03", ""},
	{"May trusts go live later?", "2009-03", ""},
	{"Staff will march on Downing Street.", "2009-03", ""},
	{"Theresa May said the NHS was safe.", "2016-10", ""},
	{"April Jones, the chief executive, said it was fine.", "2009-03", ""},
	{"Jan Smith said so.", "2009-03", ""},
	{"In March 10 trusts went live.", "2009-06", "2009-03*"},

	// Years.
	{"The trust went live in 2010.", "", "2010"},
	{"2010 saw three go-lives.", "", "2010"},
	{"It has been live since 2007.", "", "2007"},
	{"All trusts must be foundation trusts by the end of 2010.", "", "2010@end"},
	{"The application will begin early in 2010.", "", "2010@early"},
	{"The trust aims to go live by 2012.", "", "2012@by"},
	{"It must be done before 2010.", "", "2010@before"},
	{"It will go live in mid-2010.", "", "2010@mid"},
	{"It will go live later in 2010.", "", "2010"},
	{"Costs rose between 2008 and 2010.", "", "2008, 2010"},
	{"Costs rose from 2008 to 2010.", "", "2008, 2010"},
	{"Costs rose during 2008-2010.", "", "2008, 2010"},
	{"Go-lives took place in 2008, 2009 and 2010.", "", "2008, 2009, 2010"},
	{"The 2010 report said so.", "", "2010"},
	{"Plans for 2010 are agreed.", "", "2010"},
	{"The 2010's targets were missed.", "", "2010"},
	{"The NAO (2008) said so.", "", "2008"},
	{"In the late 1990s the NHS bought PCs.", "", "199X@late"},

	// Not years.
	{"2000 patients were seen.", "", ""},
	{"The trust has 1,998 beds.", "", ""},
	{"It cost £2,009 in total.", "", ""},
	{"It cost £2009 in total.", "", ""},
	{"See page 2008 of the report.", "", ""},
	{"The trust saw 2000 patients in a week.", "", ""},
	{"Staff numbers rose to 2000 nurses.", "", ""},
	{"Up to 2000 staff will move.", "", ""},
	{"A total of 2010 was recorded.", "", ""},
	{"Costs rose 2010% in a decade.", "", ""},
	{"Version 2010 of the software is out.", "", ""},

	// Relative years.
	{"Bacon triggered last year's NAO inquiry.", "2012-01-19", "2011*"},
	{"It went live last year.", "2012-01-19", "2011*"},
	{"It will go live this year.", "2010", "2010*"},
	{"It will go live next year.", "2009-03", "2010*"},
	{"It said earlier this year that it would pause.", "2009-03", "2009*"},
	{"It will be done by the end of the year.", "2009-03", "2009*@end"},
	{"Activity fell in the last year.", "2009", ""},
	{"Activity will rise over the next year.", "2009", ""},
	{"It will go live in the new year.", "2008-11", "2009*"},
	{"It went live in the new year.", "2012-01-19", "2012*"},
	{"It went live last year.", "", ""},

	// Financial years.
	{"The deficit in 2008-09 was large.", "", "FY2008-09"},
	{"The deficit in the 2008/09 financial year was large.", "", "FY2008-09"},
	{"The deficit in financial year 2008/09 was large.", "", "FY2008-09"},
	{"The FY09/10 budget was cut.", "", "FY2009-10"},
	{"The 2009/10 budget was cut.", "", "FY2009-10"},
	{"The trust set out its 2010-11 plans.", "", "FY2010-11"},
	{"The 2008-09 financial year was hard.", "", "FY2008-09"},
	{"Savings in FY 2009-10 were small.", "", "FY2009-10"},
	{"Savings in 2009/2010 were small.", "", "FY2009-10"},
	{"Savings in 1999/00 were small.", "", "FY1999-00"},
	{"Savings this financial year are small.", "2009-03", "FY2008-09*"},
	{"Savings next financial year will be small.", "2009-06", "FY2010-11*"},
	{"It is due by the end of the financial year.", "2010-01", "FY2009-10*@end"},
	{"Paper 2007/08/100 was noted.", "", ""},

	// Quarters.
	{"It went live in Q3 2009.", "", "2009-Q3"},
	{"It went live in the third quarter of 2009.", "", "2009-Q3"},
	{"It went live in Q1 2010/11.", "", "2010-Q2"},
	{"It went live in the final quarter of 2008.", "", "2008-Q4"},
	{"Income fell last quarter.", "2009-05", "2009-Q1*"},
	{"Income fell this quarter.", "2009-05", "2009-Q2*"},

	// Seasons.
	{"Kingston will go live in the autumn.", "2009-03", "2009-autumn*"},
	{"The trust went live last autumn.", "2009-03", "2008-autumn*"},
	{"The trust will go live this spring.", "2009-03", "2009-spring*"},
	{"It will take place in the summer of 2010.", "", "2010-summer"},
	{"It will take place in autumn 2009.", "", "2009-autumn"},
	{"The trust went live in the summer.", "2009-03", "2008-summer*"},
	{"Deployments are on hold until the autumn.", "2009-03", "2009-autumn*"},
	{"Pressure peaked in winter 2009/10.", "", "2009-winter"},
	{"Pressure will peak this winter.", "2012-01-19", "2011-winter*"},
	{"There is a spring in his step.", "2009-03", ""},
	{"The trust faces winter pressures.", "2009-03", ""},
	{"It launched in fall 2009.", "", "2009-autumn"},
	{"The fall of the programme was swift.", "2009-03", ""},
	{"It will open in early autumn.", "2009-03", "2009-autumn*@early"},
	{"Kingston will follow in the spring of next year.", "2011-12", "2012-spring*"},
	{"The trust went live in autumn last year.", "2012-01-19", "2011-autumn*"},

	// Weeks and days.
	{"He said last week that it was over.", "2010-03-12", "2010-W09*"},
	{"He said last week that it was over.", "2010-03", ""},
	{"He said this week that it was over.", "2012-01-19", "2012-W03*"},
	{"He will say next week.", "2012-01-19", "2012-W04*"},
	{"He said yesterday that it was over.", "2012-01-19", "2012-01-18*"},
	{"He said yesterday that it was over.", "2012-01", ""},
	{"He said today that it was over.", "2012-01-19", "2012-01-19*"},
	{"He will say tomorrow.", "2012-01-19", "2012-01-20*"},
	{"He said this morning that it was over.", "2012-01-19", "2012-01-19*"},
	{"The system crashed last night.", "2012-01-19", "2012-01-18*"},
	{"He said on Monday that it was over.", "2012-01-19", "2012-01-16*"},
	{"The board will meet on Monday.", "2012-01-19", "2012-01-23*"},
	{"The board met last Friday.", "2012-01-19", "2012-01-13*"},
	{"The board met on Monday.", "2012-01", ""},
	{"The Sunday Times reported the delay.", "2012-01-19", ""},
	{"The Sun reported the delay.", "2012-01-19", ""},

	// Vague, ago.
	{"It started three weeks ago.", "2012-01-19", "2011-W52*~"},
	{"It went outside the programme more than two years ago.", "2012-01-19", "2010-01*@before~"},
	{"It started two days ago.", "2012-01-19", "2012-01-17*~"},
	{"It started 18 months ago.", "2012-01", "2010-07*~"},
	{"It started a year ago.", "2012", "2011*~"},

	// Holidays.
	{"Problems were so bad before Christmas that charges were suspended.", "2012-01-19", "2011-12-25*@before"},
	{"The trust will go live by Christmas.", "2011-10", "2011-12-25*@by"},
	{"It went live at Christmas 2010.", "", "2010-12-25"},
	{"The wards will close on Christmas Eve.", "2011-10", "2011-12-24*"},
	{"It crashed on Boxing Day 2010.", "", "2010-12-26"},
	{"It went live at Easter 2010.", "", "2010-04-04"},
	{"It went live on New Year's Day 2011.", "", "2011-01-01"},
	{"It fell over in the pre-Christmas rush.", "2011-12", "2011-12-25*@before"},
	{"It went live last Christmas.", "2012-06", "2011-12-25*"},

	// Decades.
	{"Systems bought in the 1990s are failing.", "", "199X"},
	{"Systems bought in the early 2000s are failing.", "", "200X@early"},
	{"Patients in their 90s were affected.", "", ""},

	// Durations, times, references, numbers: not dates.
	{"An emergency 90-day programme of remedial work began.", "2009-03", ""},
	{"It took three months.", "2009-03", ""},
	{"The licence runs for another year.", "2009-03", ""},
	{"Activity fell in the last three months.", "2009-03", ""},
	{"The board meets at 10.30am.", "2009-03", ""},
	{"The board meets at 14:00.", "2009-03", ""},
	{"See paper TB2011.07 for details.", "2009-03", ""},
	{"Spending will rise in the coming months.", "2009-03", ""},
	{"It must be done within 18 months.", "2009-03", ""},
	{"Release 2.3 fixes it.", "2009-03", ""},
	{"It cost £4.5m.", "2009-03", ""},
	{"The meeting is at 3pm.", "2009-03", ""},
	{"The trust had problems the year before.", "2009-03", ""},
	{"It was fixed by now.", "2009-03", ""},
}

func TestTag(t *testing.T) {
	tg := New()
	if len(tagCases) < 150 {
		t.Fatalf("only %d cases", len(tagCases))
	}
	for _, c := range tagCases {
		ms := tg.Tag(c.in, mustRef(t, c.ref))
		if got := render(ms); got != c.want {
			t.Errorf("Tag(%q, %q) = %q; want %q", c.in, c.ref, got, c.want)
		}
		for _, m := range ms {
			v, err := ParseValue(m.Value)
			if err != nil || v.Type != m.Type {
				t.Errorf("Tag(%q): value %q type %v does not parse as its type (%v, %v)", c.in, m.Value, m.Type, v.Type, err)
			}
			if c.in[m.Start:m.End] != m.Text {
				t.Errorf("Tag(%q): Text %q != text[%d:%d]", c.in, m.Text, m.Start, m.End)
			}
		}
	}
}
