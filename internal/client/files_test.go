// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package client

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"strconv"
	"strings"
	"testing"
)

func TestUploadKnowledgeBaseFile(t *testing.T) {
	t.Parallel()
	type seenPart struct{ name, fileName, contentType, value string }
	var parts []seenPart
	c, f := newFakeAPI(t, map[string]routeFunc{
		"POST /knowledge-bases/files": func(w http.ResponseWriter, r *http.Request, body []byte) {
			mt, params, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
			if err != nil || mt != "multipart/form-data" {
				writeJSON(w, 400, map[string]any{"message": "not multipart"})
				return
			}
			mr := multipart.NewReader(bytes.NewReader(body), params["boundary"])
			parts = nil
			for {
				p, err := mr.NextPart()
				if err != nil {
					break
				}
				b, _ := io.ReadAll(p)
				parts = append(parts, seenPart{p.FormName(), p.FileName(), p.Header.Get("Content-Type"), string(b)})
			}
			writeJSON(w, 200, map[string]any{"success": true, "data": map[string]any{
				"url": "https://storage/f.pdf", "fileId": "file1", "folderPath": "kb1/"}})
		},
	})
	ctx := context.Background()
	got, err := c.UploadKnowledgeBaseFile(ctx, "", "kb1", `Price "list".PDF`, strings.NewReader("%PDF-1.7 content"))
	if err != nil || got.FileID != "file1" || got.URL != "https://storage/f.pdf" || got.FolderPath != "kb1/" {
		t.Fatalf("upload %+v %v", got, err)
	}
	call := f.last()
	if call.Method != "POST" || call.Version != "v3" || !strings.HasPrefix(call.ContentType, "multipart/form-data; boundary=") || len(call.Query) != 0 {
		t.Fatalf("call %+v", call)
	}
	want := []seenPart{
		{name: "knowledgeBaseId", value: "kb1"},
		{name: "locationId", value: "loc1"},
		{name: "file", fileName: `Price "list".PDF`, contentType: "application/pdf", value: "%PDF-1.7 content"},
	}
	if fmt.Sprint(parts) != fmt.Sprint(want) {
		t.Fatalf("parts\n got %+v\nwant %+v", parts, want)
	}
	for name, ct := range map[string]string{"a.docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "a.doc": "application/msword", "a.txt": "application/octet-stream"} {
		if got := fileContentType(name); got != ct {
			t.Errorf("%s: %s", name, got)
		}
	}

	n := len(f.all())
	big := io.LimitReader(zeroReader{}, KnowledgeBaseFileMaxBytes+1)
	if _, err := c.UploadKnowledgeBaseFile(ctx, "", "kb1", "big.pdf", big); err == nil || !strings.Contains(err.Error(), "10 MB") {
		t.Fatalf("too big: %v", err)
	}
	if _, err := c.UploadKnowledgeBaseFile(ctx, "", "kb1", "", strings.NewReader("x")); err == nil {
		t.Fatal("empty file name accepted")
	}
	if _, err := c.UploadKnowledgeBaseFile(ctx, "", "kb1", "a.pdf", nil); err == nil {
		t.Fatal("nil content accepted")
	}
	if len(f.all()) != n {
		t.Fatal("invalid upload was sent")
	}
	exact := io.LimitReader(zeroReader{}, KnowledgeBaseFileMaxBytes)
	if _, err := c.UploadKnowledgeBaseFile(ctx, "", "kb1", "exact.pdf", exact); err != nil {
		t.Fatalf("exactly 10 MB: %v", err)
	}
}

type zeroReader struct{}

func (zeroReader) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

func TestUploadKnowledgeBaseFileIsNotRetried(t *testing.T) {
	t.Parallel()
	var bodies []string
	c, f := newFakeAPI(t, map[string]routeFunc{
		"POST /knowledge-bases/files": func(w http.ResponseWriter, _ *http.Request, b []byte) {
			bodies = append(bodies, string(b))
			writeJSON(w, 502, map[string]any{"statusCode": 502, "message": "Bad Gateway"})
		},
	})
	_, err := c.UploadKnowledgeBaseFile(context.Background(), "", "kb1", "a.pdf", strings.NewReader("data"))
	if statusOf(err) != 502 || len(f.all()) != 1 || !strings.Contains(err.Error(), "not retried") {
		t.Fatalf("%v after %d requests", err, len(f.all()))
	}
	if !strings.Contains(bodies[0], "data") {
		t.Fatal("body not sent")
	}
	// a 429 is rejected before processing: retried, with the same body
	n := 0
	c2, _ := newFakeAPI(t, map[string]routeFunc{
		"POST /knowledge-bases/files": func(w http.ResponseWriter, _ *http.Request, b []byte) {
			n++
			if n == 1 {
				w.Header().Set("Retry-After", "0")
				writeJSON(w, 429, map[string]any{"statusCode": 429, "message": "Too Many Requests"})
				return
			}
			if !strings.Contains(string(b), "data") {
				writeJSON(w, 400, map[string]any{"message": "empty body on retry"})
				return
			}
			writeJSON(w, 200, map[string]any{"success": true, "data": map[string]any{"fileId": "f"}})
		},
	})
	if got, err := c2.UploadKnowledgeBaseFile(context.Background(), "", "kb1", "a.pdf", strings.NewReader("data")); err != nil || got.FileID != "f" || n != 2 {
		t.Fatalf("429 retry: %+v %v (%d requests)", got, err, n)
	}
}

func TestKnowledgeBaseFiles(t *testing.T) {
	t.Parallel()
	file := map[string]any{"id": "file1", "name": "a.pdf", "locationId": "loc1", "knowledgeBaseId": "kb1", "size": 1234,
		"mimeType": "application/pdf", "encoding": "7bit", "status": "PROCESSED", "deleted": false,
		"createdAt": "2025-08-02T19:47:57.243Z", "updatedAt": "2025-08-02T19:47:57.243Z"}
	c, f := newFakeAPI(t, map[string]routeFunc{
		"GET /knowledge-bases/files/file1":    reply(200, map[string]any{"success": true, "data": file}),
		"GET /knowledge-bases/files/deleted":  reply(200, map[string]any{"success": true, "data": map[string]any{"id": "deleted", "deleted": true}}),
		"GET /knowledge-bases/files/gone":     notFound("File"),
		"DELETE /knowledge-bases/files/file1": reply(200, map[string]any{"success": true}),
		"DELETE /knowledge-bases/files/gone":  notFound("File"),
		"GET /knowledge-bases/files": func(w http.ResponseWriter, r *http.Request, _ []byte) {
			const total = 150
			q := r.URL.Query()
			limit, _ := strconv.Atoi(q.Get("limit"))
			start := 0
			if last := q.Get("lastFileId"); last != "" {
				_, _ = fmt.Sscanf(last, "file%03d", &start)
				start++
			}
			var files []map[string]any
			for i := start; i < total && len(files) < limit; i++ {
				files = append(files, map[string]any{"id": fmt.Sprintf("file%03d", i), "name": "f", "size": i, "deleted": i == 5})
			}
			writeJSON(w, 200, map[string]any{"success": true, "data": map[string]any{"files": files, "count": total}})
		},
	})
	ctx := context.Background()
	got, err := c.GetKnowledgeBaseFile(ctx, "", "file1")
	if err != nil || got.Size != 1234 || got.Status != "PROCESSED" || got.KnowledgeBaseID != "kb1" || got.Encoding != "7bit" {
		t.Fatalf("get %+v %v", got, err)
	}
	checkCall(t, f.last(), "GET", "/knowledge-bases/files/file1", "", "", filesVersion)
	if _, err := c.GetKnowledgeBaseFile(ctx, "", "deleted"); !IsNotFound(err) {
		t.Fatalf("deleted:true: %v", err)
	}
	if _, err := c.GetKnowledgeBaseFile(ctx, "", "gone"); !IsNotFound(err) {
		t.Fatalf("404: %v", err)
	}
	if err := c.DeleteKnowledgeBaseFile(ctx, "", "file1"); err != nil {
		t.Fatal(err)
	}
	checkCall(t, f.last(), "DELETE", "/knowledge-bases/files/file1", "", "", filesVersion)
	if err := c.DeleteKnowledgeBaseFile(ctx, "", "gone"); !IsNotFound(err) {
		t.Fatalf("delete gone: %v", err)
	}

	list, err := c.ListKnowledgeBaseFiles(ctx, "", "kb1")
	if err != nil || len(list) != 149 || list[5].ID != "file006" {
		t.Fatalf("list %d %v", len(list), err)
	}
	calls := f.to("GET /knowledge-bases/files")
	if len(calls) != 2 {
		t.Fatalf("%d list requests, want 2", len(calls))
	}
	checkCall(t, calls[0], "GET", "/knowledge-bases/files", "knowledgeBaseId=kb1&limit=100", "", filesVersion)
	checkCall(t, calls[1], "GET", "/knowledge-bases/files", "knowledgeBaseId=kb1&lastFileId=file099&limit=100", "", filesVersion)
}
