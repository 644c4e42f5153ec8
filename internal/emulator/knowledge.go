package emulator

import "net/http"

// KnowledgeState holds the knowledge-base family (contract §3.5).
type KnowledgeState struct {
	KnowledgeBases map[string]*KnowledgeBase `json:"knowledgeBases"`
}

// KnowledgeBase is a stored knowledge base.
type KnowledgeBase struct {
	ID         string `json:"id"`
	LocationID string `json:"locationId"`
	Name       string `json:"name"`
	Deleted    bool   `json:"deleted"`
}

// hasKnowledgeBase reports whether id is a live knowledge base of the location.
func (st *State) hasKnowledgeBase(locationID, id string) bool {
	kb := st.KnowledgeBases[id]
	return kb != nil && kb.LocationID == locationID && !kb.Deleted
}

// registerKnowledgeRoutes adds the /knowledge-bases routes (not yet implemented).
func (e *Emulator) registerKnowledgeRoutes(mux *http.ServeMux) {}
