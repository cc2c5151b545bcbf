package index

// The extraction JSON the store keeps per document is that of
// extract.Result. The index decodes it into these mirrors of the fields it
// uses rather than importing package extract itself, so that it reads what
// any extractor version wrote (unknown fields are ignored) and builds while
// the extractor changes.

// Entity types of the extraction JSON.
const (
	entTrust  = "trust"
	entOrg    = "org"
	entVendor = "vendor"
	entSystem = "system"
	entPerson = "person"
	entMoney  = "money"
	entDate   = "date"
)

// Extraction is what the index reads of an extract.Result.
type Extraction struct {
	DocID     string   `json:"id"`
	Extractor string   `json:"extractor"`
	Entities  []Entity `json:"entities"`
	Events    []Event  `json:"events"`
}

// Entity is what the index reads of an extract.Entity.
type Entity struct {
	Type      string `json:"type"`
	Text      string `json:"text"`
	Norm      string `json:"norm"`
	ID        string `json:"id,omitempty"`
	Start     int    `json:"start"`
	End       int    `json:"end"`
	Count     int    `json:"count"`
	Relative  bool   `json:"relative,omitempty"`
	Mod       string `json:"mod,omitempty"`
	Fuzzy     bool   `json:"fuzzy,omitempty"`
	Role      string `json:"role,omitempty"`
	Currency  string `json:"currency,omitempty"`
	Amount    int64  `json:"amount,omitempty"`
	To        int64  `json:"to,omitempty"`
	Per       string `json:"per,omitempty"`
	Current   string `json:"current,omitempty"`
	CurrentID string `json:"current_id,omitempty"`
}

// Event is what the index reads of an extract.Event.
type Event struct {
	Kind      string   `json:"kind"`
	Date      string   `json:"date"`
	Status    string   `json:"status"`
	Trusts    []string `json:"trusts"`
	Vendors   []string `json:"vendors"`
	Systems   []string `json:"systems"`
	Money     []string `json:"money"`
	TrustIDs  []string `json:"trust_ids,omitempty"`
	VendorIDs []string `json:"vendor_ids,omitempty"`
	SystemIDs []string `json:"system_ids,omitempty"`
	DateBasis string   `json:"date_basis,omitempty"`
	Sentence  string   `json:"sentence"`
	Start     int      `json:"start"`
	End       int      `json:"end"`
	Page      int      `json:"page,omitempty"`
}
