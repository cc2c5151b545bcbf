package main

// sampleExpectations lists every good file of testdata/corpus with what a
// careful reader would record: a title it contains, the published date at
// its precision ("" for unknown), where that date was found, and the kind.
var sampleExpectations = []struct {
	file, title, published, source, kind string
}{
	{"northfield-trust-board-2008-11-26.pdf", "Trust Board Meeting 26 November 2008", "2008-11-26", "title-page", "board-paper"},
	{"ashdown-board-minutes-2019-03-28.docx", "Minutes of the Board of Directors", "2019-03-28", "title-page", "board-paper"},
	{"ashdown-epr-update-2019-05.txt", "EPR Programme: Post Go-Live Update", "2019-05-30", "sidecar", "board-paper"},
	// The dev articles: a modern page with JSON-LD, a 2009 table-layout page
	// in windows-1252 whose date is only in its URL (month precision), and a
	// page with comments and a sidebar that carries no date of its own: its
	// sidecar gives the month its content shows (a November 2008 board
	// paper), as a user who knows it would.
	{"ehi-7471-bacon-calls-for-halt-on-millennium.html", "Bacon calls for halt on Millennium", "2012-01-19", "json-ld", "news"},
	{"ehi-2009-03-next-london-cerner-go-live-delayed.html", "Next London Cerner go-live delayed until autumn", "2009-03", "url", "news"},
	{"ehi-24279-rescue-plan-for-royal-free.html", "Rescue plan for Royal Free", "2008-11", "sidecar", "news"},
}
