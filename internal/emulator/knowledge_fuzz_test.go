// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package emulator

import (
	"bytes"
	"testing"
)

// FuzzKnowledgeBody sends one JSON body to the JSON write routes of the knowledge-base and
// [EXT] scope families (KB create/PUT, FAQ create/PUT, crawler discover/train/DELETE,
// scope create/PUT, credential create), with the placeholders $LOC, $KB, $AGENT, $OP and
// $SCOPE replaced by live ids, and checks the invariants of fuzzEnv.call plus: a known
// status for every route and, after a create, a read-back. Created objects are deleted
// so that the KB limit is never reached. Seeds: testdata/fuzz/FuzzKnowledgeBody.
func FuzzKnowledgeBody(f *testing.F) {
	fe := newFuzzEnv(f)
	loc := fe.emu.Bootstrap("").Locations[0].ID
	_, m := fe.call(f, "POST", "/knowledge-bases/", mustJSON(map[string]any{"name": "fuzz", "locationId": loc}))
	kb := m["data"].(map[string]any)["id"].(string)
	_, m = fe.call(f, "POST", "/knowledge-bases/crawler", mustJSON(map[string]any{"locationId": loc, "knowledgeBaseId": kb, "url": "https://fuzz.example/", "option": "Exact"}))
	op := m["data"].(map[string]any)["operationId"].(string)
	_, m = fe.call(f, "POST", "/conversation-ai/scopes", mustJSON(map[string]any{"locationId": loc, "name": "fuzz", "permissions": []string{"locations.readonly"}}))
	scope := m["data"].(map[string]any)["id"].(string)
	f.Add([]byte(`{"name":"n","locationId":"$LOC","knowledgeBaseId":"$KB","question":"q","answer":"a"}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		for _, r := range [][2]string{{"$LOC", loc}, {"$KB", kb}, {"$AGENT", fe.agent}, {"$OP", op}, {"$SCOPE", scope}} {
			body = bytes.ReplaceAll(body, []byte(r[0]), []byte(r[1]))
		}
		id := func(m map[string]any, path ...string) string {
			var v any = m
			for _, p := range path {
				mm, _ := v.(map[string]any)
				v = mm[p]
			}
			s, _ := v.(string)
			return s
		}
		// Knowledge base.
		s, m := fe.call(t, "POST", "/knowledge-bases/", body)
		expectStatus(t, s, 201, 400, 403, 422)
		if s == 201 {
			kid := id(m, "data", "id")
			gs, _ := fe.call(t, "GET", "/knowledge-bases/"+kid, nil)
			expectStatus(t, gs, 200)
			ps, _ := fe.call(t, "PUT", "/knowledge-bases/"+kid, body)
			expectStatus(t, ps, 200, 422)
			ds, _ := fe.call(t, "DELETE", "/knowledge-bases/"+kid, nil)
			expectStatus(t, ds, 200)
		}
		ps, _ := fe.call(t, "PUT", "/knowledge-bases/"+kb, body)
		expectStatus(t, ps, 200, 400, 422)
		// FAQ.
		s, m = fe.call(t, "POST", "/knowledge-bases/faqs", body)
		expectStatus(t, s, 201, 400, 403, 404, 422)
		if s == 201 {
			fid := id(m, "faq", "id")
			ps, _ := fe.call(t, "PUT", "/knowledge-bases/faqs/"+fid, body)
			expectStatus(t, ps, 200, 422)
			ls, _ := fe.call(t, "GET", "/knowledge-bases/faqs?locationId="+loc+"&knowledgeBaseId="+kb, nil)
			expectStatus(t, ls, 200)
			ds, _ := fe.call(t, "DELETE", "/knowledge-bases/faqs/"+fid, nil)
			expectStatus(t, ds, 200)
		}
		// Crawler.
		s, _ = fe.call(t, "POST", "/knowledge-bases/crawler", body)
		expectStatus(t, s, 201, 400, 403, 404, 422)
		s, _ = fe.call(t, "POST", "/knowledge-bases/crawler/train", body)
		expectStatus(t, s, 201, 400, 403, 404, 422)
		s, _ = fe.call(t, "DELETE", "/knowledge-bases/crawler", body)
		expectStatus(t, s, 200, 400, 403, 404, 422)
		s, _ = fe.call(t, "GET", "/knowledge-bases/crawler/status?locationId="+loc+"&knowledgeBaseId="+kb, nil)
		expectStatus(t, s, 200)
		s, _ = fe.call(t, "DELETE", "/knowledge-bases/crawler", mustJSON(map[string]any{"locationId": loc, "knowledgeBaseId": kb, "deleteAll": true}))
		expectStatus(t, s, 200) // keep the state small
		// Scopes and credentials.
		s, m = fe.call(t, "POST", "/conversation-ai/scopes", body)
		expectStatus(t, s, 201, 400, 403, 422)
		if s == 201 {
			sid := id(m, "data", "id")
			gs, _ := fe.call(t, "GET", "/conversation-ai/scopes/"+sid, nil)
			expectStatus(t, gs, 200)
			ds, _ := fe.call(t, "DELETE", "/conversation-ai/scopes/"+sid, nil)
			expectStatus(t, ds, 200)
		}
		s, _ = fe.call(t, "PUT", "/conversation-ai/scopes/"+scope, body)
		expectStatus(t, s, 200, 400, 403, 422)
		s, m = fe.call(t, "POST", "/conversation-ai/scopes/"+scope+"/credentials", body)
		expectStatus(t, s, 201, 400, 422)
		if s == 201 {
			ds, _ := fe.call(t, "DELETE", "/conversation-ai/scopes/"+scope+"/credentials/"+id(m, "data", "id"), nil)
			expectStatus(t, ds, 200)
		}
	})
}
