// Package extract finds NHS trusts and other bodies, IT vendors, systems,
// people, money and dates in a document's clean text, normalises and links
// them to stable identifiers, and pulls out dated events. Every fact carries
// byte offsets into the text and the extractor version.
package extract

import "github.com/nhs-trawl/trawl/corpus"

// EntityType is the type of an extracted entity.
type EntityType string

// Entity types, as in the evaluation scheme.
const (
	Trust  EntityType = "trust"
	Org    EntityType = "org"
	Vendor EntityType = "vendor"
	System EntityType = "system"
	Person EntityType = "person"
	Money  EntityType = "money"
	Date   EntityType = "date"
)

// EntityTypes lists the types in a fixed order.
var EntityTypes = []EntityType{Trust, Org, Vendor, System, Person, Money, Date}

// Span is a byte range [Start, End) of a document's text.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Entity is one distinct (type, norm) of a document, with its first
// stand-alone mention and every other one.
type Entity struct {
	Type  EntityType `json:"type"`
	Text  string     `json:"text"` // the first mention, as written
	Norm  string     `json:"norm"` // the canonical value
	ID    string     `json:"id,omitempty"`
	Start int        `json:"start"` // byte offsets of Text
	End   int        `json:"end"`
	Count int        `json:"count"` // mentions in the document
	// Mentions are the spans of every mention, Text's first.
	Mentions []Span `json:"mentions,omitempty"`

	// Dates.
	Relative bool   `json:"relative,omitempty"`
	Mod      string `json:"mod,omitempty"`
	Fuzzy    bool   `json:"fuzzy,omitempty"`
	// Persons.
	Role        string `json:"role,omitempty"`
	Affiliation string `json:"affiliation,omitempty"`
	// Systems.
	Version  string `json:"version,omitempty"`
	VendorID string `json:"vendor_id,omitempty"`
	// Money.
	Currency string `json:"currency,omitempty"`
	Amount   int64  `json:"amount,omitempty"` // whole units
	To       int64  `json:"to,omitempty"`     // upper bound of a range
	Per      string `json:"per,omitempty"`
	// Trusts and orgs: the name today through renames and successors.
	Current   string `json:"current,omitempty"`
	CurrentID string `json:"current_id,omitempty"`
}

// Event is a dated statement about an IT programme.
type Event struct {
	Kind   string `json:"kind"`   // go-live, delay, suspension, cost, contract, rescue, other
	Date   string `json:"date"`   // a normalised date of the document, or its publication date
	Status string `json:"status"` // planned, actual, missed, cancelled

	Trusts  []string `json:"trusts"` // norms
	Vendors []string `json:"vendors"`
	Systems []string `json:"systems"`
	Money   []string `json:"money"`
	// IDs of the trusts, vendors and systems, for filters that survive renames.
	TrustIDs  []string `json:"trust_ids,omitempty"`
	VendorIDs []string `json:"vendor_ids,omitempty"`
	SystemIDs []string `json:"system_ids,omitempty"`

	DateBasis string `json:"date_basis,omitempty"` // "text" or "publication"
	Sentence  string `json:"sentence"`
	Start     int    `json:"start"` // byte offsets of the sentence
	End       int    `json:"end"`
	Page      int    `json:"page,omitempty"` // 1-based PDF page, 0 when none
}

// Result is what extraction found in one document.
type Result struct {
	DocID     string      `json:"id"`
	Extractor string      `json:"extractor"` // name and version: a new version re-extracts
	Published corpus.Date `json:"published"` // the reference date relative dates were resolved against
	Entities  []Entity    `json:"entities"`
	Events    []Event     `json:"events"`
	Notes     []string    `json:"notes,omitempty"` // e.g. "document date unknown: relative dates left unresolved"
}
