// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package emulator

import (
	"crypto/rand"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"time"
)

const idAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"

// newID returns a 20-character [A-Za-z0-9] id, the format the contract (§1.3) gives for
// locations, companies, agents, actions, KBs, FAQs, files, conversations, messages and users.
func newID() string {
	var b [20]byte
	randBytes(b[:])
	for i := range b {
		// 62 does not divide 256: the tiny bias is irrelevant for test ids.
		b[i] = idAlphabet[int(b[i])%len(idAlphabet)]
	}
	return string(b[:])
}

// newObjectID returns a 24-hex Mongo-style ObjectId (crawl operations, crawled URLs,
// FAQ trainedUrlId): 4 bytes of seconds, then 8 random bytes.
func newObjectID(now time.Time) string {
	var b [12]byte
	binary.BigEndian.PutUint32(b[:4], uint32(now.Unix()))
	randBytes(b[4:])
	return hex.EncodeToString(b[:])
}

// newUUID returns a random RFC 4122 version 4 UUID.
func newUUID() string {
	var b [16]byte
	randBytes(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}

// newSecret returns n random bytes as lowercase hex.
func newSecret(n int) string {
	b := make([]byte, n)
	randBytes(b)
	return hex.EncodeToString(b)
}

// newJWT returns an opaque token shaped like a JWT (the real OAuth tokens are JWTs; the
// contract says clients must treat them as opaque). The signature part is random.
func newJWT(claims map[string]any) string {
	enc := base64.RawURLEncoding
	header := enc.EncodeToString([]byte(`{"alg":"HS256","typ":"JWT"}`))
	claims["jti"] = newUUID()
	payload, _ := json.Marshal(claims)
	sig := make([]byte, 32)
	randBytes(sig)
	return header + "." + enc.EncodeToString(payload) + "." + enc.EncodeToString(sig)
}

func randBytes(b []byte) {
	// crypto/rand.Read never returns an error on supported platforms (Go ≥1.24 panics
	// instead), so there is nothing to handle here.
	_, _ = rand.Read(b)
}

// isoTime formats t as the contract's timestamp: ISO-8601 UTC with milliseconds.
func isoTime(t time.Time) string {
	return t.UTC().Format("2006-01-02T15:04:05.000Z")
}
