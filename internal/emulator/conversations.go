package emulator

import "net/http"

// ConversationState holds conversations, messages and AI generations (contract §3.4).
type ConversationState struct{}

// registerConversationRoutes adds /conversations and /conversation-ai/generations (not yet implemented).
func (e *Emulator) registerConversationRoutes(mux *http.ServeMux) {}
