// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package emulator

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io"
	"math"
	"mime"
	"mime/multipart"
	"net/http"
	"path"
	"slices"
	"strings"
	"time"
)

// Knowledge-base files (contract §3.5, LIVE only: documented under Version v3; the
// emulator accepts every Version). The upload is multipart/form-data with the parts
// file R (PDF, DOC or DOCX, at most 10 MB), knowledgeBaseId R and locationId (optional;
// when given it must be the caller's: 403). Other parts are ignored, as multer does.
// The content is not kept: only its metadata (so the data file stays small).
//
// Status goes PROCESSING → PROCESSED one crawl step after the upload (the first value is
// unconfirmed), computed lazily from the emulator clock like the crawler's.

// maxFileSize is the documented upload limit [LIVE].
const maxFileSize = 10 << 20

// fileTypes maps accepted extensions to their MIME type.
var fileTypes = map[string]string{
	".pdf":  "application/pdf",
	".doc":  "application/msword",
	".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}

const (
	fileProcessing  = "PROCESSING"
	fileProcessed   = "PROCESSED"
	msgFileNotFound = "File not found" // wording unconfirmed
)

// KBFile is an uploaded file's metadata.
type KBFile struct {
	ID              string    `json:"id"`
	Name            string    `json:"name"`
	LocationID      string    `json:"locationId"`
	KnowledgeBaseID string    `json:"knowledgeBaseId"`
	Size            int64     `json:"size"`
	MimeType        string    `json:"mimeType"`
	Encoding        string    `json:"encoding"`
	Status          string    `json:"status"`
	Seq             int64     `json:"seq"`
	CreatedAt       time.Time `json:"createdAt"`
	UpdatedAt       time.Time `json:"updatedAt"`
}

type kbFileJSON struct {
	ID              string `json:"id"`
	Name            string `json:"name"`
	LocationID      string `json:"locationId"`
	KnowledgeBaseID string `json:"knowledgeBaseId"`
	Size            int64  `json:"size"`
	MimeType        string `json:"mimeType"`
	Encoding        string `json:"encoding"`
	Status          string `json:"status"`
	Deleted         bool   `json:"deleted"`
	CreatedAt       string `json:"createdAt"`
	UpdatedAt       string `json:"updatedAt"`
}

func fileView(f *KBFile) kbFileJSON {
	return kbFileJSON{
		ID: f.ID, Name: f.Name, LocationID: f.LocationID, KnowledgeBaseID: f.KnowledgeBaseID, Size: f.Size,
		MimeType: f.MimeType, Encoding: f.Encoding, Status: f.Status,
		CreatedAt: isoTime(f.CreatedAt), UpdatedAt: isoTime(f.UpdatedAt),
	}
}

// advanceFiles marks the KB's files PROCESSED once a step has passed since the upload
// ("" = every KB). It reports whether anything changed.
func (st *State) advanceFiles(kbID string, now time.Time, step time.Duration) bool {
	changed := false
	for _, f := range st.KBFiles {
		if (kbID == "" || f.KnowledgeBaseID == kbID) && f.Status == fileProcessing {
			if due := f.CreatedAt.Add(step); !now.Before(due) {
				f.Status, f.UpdatedAt = fileProcessed, due
				changed = true
			}
		}
	}
	return changed
}

// fileOf returns the caller's file id, or nil.
func (c *reqCtx) fileOf(id string) *KBFile {
	f := c.st.KBFiles[id]
	if f == nil || f.LocationID != c.locationID() {
		return nil
	}
	return f
}

// upload is the parsed multipart body.
type upload struct {
	fields   map[string]string
	hasFile  bool
	name     string
	size     int64
	encoding string
}

var errNotMultipart = errors.New("not multipart/form-data")

func parseUpload(contentType string, body []byte) (*upload, error) {
	mt, params, err := mime.ParseMediaType(contentType)
	if err != nil || mt != "multipart/form-data" || params["boundary"] == "" {
		return nil, errNotMultipart
	}
	up := &upload{fields: map[string]string{}}
	mr := multipart.NewReader(bytes.NewReader(body), params["boundary"])
	for {
		p, err := mr.NextPart()
		if err == io.EOF {
			return up, nil
		}
		if err != nil {
			return nil, err
		}
		switch name := p.FormName(); {
		case name == "file" && !up.hasFile:
			n, err := io.Copy(io.Discard, p)
			if err != nil {
				return nil, err
			}
			up.hasFile, up.name, up.size = true, p.FileName(), n
			up.encoding = p.Header.Get("Content-Transfer-Encoding")
		case name != "" && name != "file":
			v, err := io.ReadAll(io.LimitReader(p, 4096))
			if err != nil {
				return nil, err
			}
			up.fields[name] = string(v)
		}
	}
}

// POST /knowledge-bases/files: 200 {success,data:{url,fileId,folderPath}}; 413 above
// 10 MB; 422 for a missing field or another file type.
func (e *Emulator) uploadFile(c *reqCtx) {
	if c.filesRefused() {
		return
	}
	up, err := parseUpload(c.r.Header.Get("Content-Type"), c.body)
	if errors.Is(err, errNotMultipart) {
		c.invalid("file should not be empty", "Content-Type must be multipart/form-data")
		return
	}
	if err != nil {
		c.fail(http.StatusBadRequest, msgBadRequest)
		return
	}
	if loc := up.fields["locationId"]; loc != "" && !c.requireLocation(loc) {
		return
	}
	var msgs []string
	if up.fields["knowledgeBaseId"] == "" {
		msgs = append(msgs, "knowledgeBaseId should not be empty")
	}
	if !up.hasFile || up.size == 0 {
		msgs = append(msgs, "file should not be empty")
	}
	if len(msgs) > 0 {
		c.invalid(msgs...)
		return
	}
	if up.size > maxFileSize {
		c.fail(http.StatusRequestEntityTooLarge, fmt.Sprintf("File too large: the maximum size is %d MB", maxFileSize>>20))
		return
	}
	mimeType, ok := fileTypes[strings.ToLower(path.Ext(up.name))]
	if !ok {
		c.invalid("file must be a PDF, DOC or DOCX document")
		return
	}
	kb := c.kbOf(up.fields["knowledgeBaseId"])
	if kb == nil {
		c.notFound(msgKBNotFound)
		return
	}
	enc := up.encoding
	if enc == "" {
		enc = "7bit" // multer's default
	}
	c.st.initKnowledge()
	f := &KBFile{
		ID: newID(), Name: path.Base(up.name), LocationID: kb.LocationID, KnowledgeBaseID: kb.ID, Size: up.size,
		MimeType: mimeType, Encoding: enc, Status: fileProcessing, Seq: c.st.nextKBSeq(), CreatedAt: c.now, UpdatedAt: c.now,
	}
	c.st.KBFiles[f.ID] = f
	folder := "knowledge-bases/" + kb.LocationID + "/" + kb.ID
	c.json(http.StatusOK, envelope{Success: true, Data: map[string]any{
		"url":        "https://storage.emulator.local/" + folder + "/" + f.ID + "/" + f.Name,
		"fileId":     f.ID,
		"folderPath": folder,
	}})
}

// GET /knowledge-bases/files: knowledgeBaseId R, locationId, limit (default 10, 1-100),
// lastFileId (cursor) or offset, search (case-insensitive name substring). count is the
// number of matching files; the end of the list is a page shorter than limit.
func (e *Emulator) listFiles(c *reqCtx) {
	if c.filesRefused() {
		return
	}
	q := c.r.URL.Query()
	msgs := requireQuery(c, "knowledgeBaseId")
	limit, m := queryInt(q, "limit", 10, 1, 100)
	msgs = append(msgs, m...)
	offset, m := queryInt(q, "offset", 0, 0, math.MaxInt32)
	if msgs = append(msgs, m...); len(msgs) > 0 {
		c.invalid(msgs...)
		return
	}
	limit = c.vr().capLimit(limit)
	kb := c.kbOf(q.Get("knowledgeBaseId"))
	if kb == nil {
		c.notFound(msgKBNotFound)
		return
	}
	if c.st.advanceFiles(kb.ID, c.now, e.crawlStep()) {
		c.markDirty()
	}
	var all []*KBFile
	s := strings.ToLower(q.Get("search"))
	for _, f := range c.st.KBFiles {
		if f.KnowledgeBaseID == kb.ID && strings.Contains(strings.ToLower(f.Name), s) {
			all = append(all, f)
		}
	}
	slices.SortFunc(all, func(a, b *KBFile) int {
		return cmp.Or(a.CreatedAt.Compare(b.CreatedAt), cmp.Compare(a.Seq, b.Seq), strings.Compare(a.ID, b.ID))
	})
	all = reversedIf(c.vr().ReverseListOrder, all)
	start := 0
	if after := q.Get("lastFileId"); after != "" {
		i := slices.IndexFunc(all, func(f *KBFile) bool { return f.ID == after })
		if i < 0 {
			c.invalid("lastFileId must be the id of a file of this knowledge base")
			return
		}
		start = i + 1
	}
	start = min(start+int(offset), len(all))
	end := min(start+int(limit), len(all))
	items := make([]kbFileJSON, 0, end-start)
	for _, f := range all[start:end] {
		items = append(items, fileView(f))
	}
	c.json(http.StatusOK, envelope{Success: true, Data: map[string]any{"files": items, "count": len(all)}})
}

func (e *Emulator) getFile(c *reqCtx) {
	if c.filesRefused() {
		return
	}
	f := c.fileOf(c.path("fileId"))
	if f == nil {
		c.notFound(msgFileNotFound)
		return
	}
	if c.st.advanceFiles(f.KnowledgeBaseID, c.now, e.crawlStep()) {
		c.markDirty()
	}
	c.json(http.StatusOK, envelope{Success: true, Data: fileView(f)})
}

func (e *Emulator) deleteFile(c *reqCtx) {
	if c.filesRefused() {
		return
	}
	f := c.fileOf(c.path("fileId"))
	if f == nil {
		c.notFound(msgFileNotFound)
		return
	}
	delete(c.st.KBFiles, f.ID)
	c.json(http.StatusOK, map[string]any{"success": true})
}
