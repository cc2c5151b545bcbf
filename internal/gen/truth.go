package gen

// Truth is what one generated document holds, for measuring extraction: one
// NDJSON line per document in the --truth file, in document order.
type Truth struct {
	Path      string   `json:"path"` // relative to the output folder, with forward slashes
	Kind      string   `json:"kind"` // news or board-paper
	Format    string   `json:"format"`
	Title     string   `json:"title"`
	Published string   `json:"published"` // "2008-11-26", or "2009-03" at month precision
	Precision string   `json:"precision"` // day or month
	Outlet    string   `json:"outlet,omitempty"`
	Authors   []string `json:"authors,omitempty"`
	URL       string   `json:"url,omitempty"`
	Words     int      `json:"words"` // words of body text
	Bytes     int      `json:"bytes"` // size of the file
	Entities  []Entity `json:"entities"`
	Events    []Event  `json:"events"`
}

// Entity is one distinct (type, norm) the document mentions, in order of
// first mention, with the norms of the evaluation scheme: trusts by their
// legal name at the document's date, money as "GBP 7200000", dates as
// "2008-06", "2009-autumn", "FY2009-10".
type Entity struct {
	Type        string `json:"type"` // trust, org, vendor, system, person, money, date
	Norm        string `json:"norm"`
	ID          string `json:"id,omitempty"` // gazetteer id: ODS code, vendor, system or org id
	Text        string `json:"text"`         // the first mention as written
	Role        string `json:"role,omitempty"`
	Affiliation string `json:"affiliation,omitempty"`
	Relative    bool   `json:"relative,omitempty"`
	Mod         string `json:"mod,omitempty"`
	Per         string `json:"per,omitempty"`
	// Optional marks mentions a reader may keep out of the clean text: a
	// news page's dateline and byline.
	Optional bool `json:"optional,omitempty"`
}

// Event is a dated statement the document makes.
type Event struct {
	Kind      string   `json:"kind"`   // go-live, delay, suspension, cost, contract, rescue, other
	Date      string   `json:"date"`   // a date norm of the document, or its publication date
	Status    string   `json:"status"` // actual, planned or missed
	DateBasis string   `json:"date_basis,omitempty"`
	Trusts    []string `json:"trusts"`
	TrustIDs  []string `json:"trust_ids,omitempty"`
	Vendors   []string `json:"vendors,omitempty"`
	VendorIDs []string `json:"vendor_ids,omitempty"`
	Systems   []string `json:"systems,omitempty"`
	SystemIDs []string `json:"system_ids,omitempty"`
	Money     []string `json:"money,omitempty"`
	Sentence  string   `json:"sentence"`
}
