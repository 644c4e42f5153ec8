// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package emulator

import (
	"bytes"
	"fmt"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"
	"time"
)

// multipartBody builds an upload body; fileName "" omits the file part.
func multipartBody(t testing.TB, fields map[string]string, fileName string, content []byte) ([]byte, string) {
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	for k, v := range fields {
		if err := w.WriteField(k, v); err != nil {
			t.Fatal(err)
		}
	}
	if fileName != "" {
		fw, err := w.CreateFormFile("file", fileName)
		if err != nil {
			t.Fatal(err)
		}
		_, _ = fw.Write(content)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes(), w.FormDataContentType()
}

// upload posts a multipart upload and returns the answer (any status).
func (e *env) upload(token string, fields map[string]string, fileName string, content []byte) resp {
	e.t.Helper()
	body, ctype := multipartBody(e.t, fields, fileName, content)
	return e.do("POST", "/knowledge-bases/files", token, body, func(r *http.Request) { r.Header.Set("Content-Type", ctype) })
}

func TestFileUploadLifecycle(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Options{CrawlStepDelay: time.Hour})
	tok, loc := e.loc(0)
	kb := e.createKB(tok, loc, "files")
	r := e.expect(e.upload(tok, map[string]string{"knowledgeBaseId": kb, "locationId": loc}, "Price List.pdf", []byte("%PDF-1.7 hello")), 200)
	d := r.data()
	id, _ := d["fileId"].(string)
	if r.body["success"] != true || len(id) != 20 || !strings.HasSuffix(d["url"].(string), "/Price List.pdf") ||
		d["folderPath"] != "knowledge-bases/"+loc+"/"+kb {
		t.Fatalf("upload %s", r.raw)
	}
	f := e.expect(e.do("GET", "/knowledge-bases/files/"+id, tok, nil, withVersion("v3")), 200).data()
	if f["name"] != "Price List.pdf" || f["size"] != 14.0 || f["mimeType"] != "application/pdf" || f["status"] != "PROCESSING" ||
		f["knowledgeBaseId"] != kb || f["locationId"] != loc || f["deleted"] != false || f["encoding"] != "7bit" {
		t.Errorf("file %v", f)
	}
	e.advance(time.Hour)
	if f = e.expect(e.do("GET", "/knowledge-bases/files/"+id, tok, nil), 200).data(); f["status"] != "PROCESSED" {
		t.Errorf("status after a step %v", f["status"])
	}
	// More files, then paging.
	for i, name := range []string{"a.docx", "b.DOC", "c.pdf", "manual.pdf"} {
		e.expect(e.upload(tok, map[string]string{"knowledgeBaseId": kb}, name, []byte(fmt.Sprint("content", i))), 200)
	}
	l := e.expect(e.do("GET", "/knowledge-bases/files?knowledgeBaseId="+kb+"&locationId="+loc+"&limit=2", tok, nil), 200).data()
	files := objects(l["files"])
	if l["count"] != 5.0 || len(files) != 2 || files[0]["id"] != id || files[1]["mimeType"] != fileTypes[".docx"] {
		t.Fatalf("list %v", l)
	}
	l = e.expect(e.do("GET", "/knowledge-bases/files?knowledgeBaseId="+kb+"&limit=2&lastFileId="+files[1]["id"].(string), tok, nil), 200).data()
	if got := objects(l["files"]); len(got) != 2 || got[0]["name"] != "b.DOC" || got[1]["name"] != "c.pdf" {
		t.Errorf("page 2 %v", l)
	}
	if got := objects(e.expect(e.do("GET", "/knowledge-bases/files?knowledgeBaseId="+kb+"&offset=4", tok, nil), 200).data()["files"]); len(got) != 1 || got[0]["name"] != "manual.pdf" {
		t.Errorf("offset %v", got)
	}
	if l = e.expect(e.do("GET", "/knowledge-bases/files?knowledgeBaseId="+kb+"&search=MANUAL", tok, nil), 200).data(); l["count"] != 1.0 {
		t.Errorf("search %v", l)
	}
	if md := e.expect(e.do("GET", "/knowledge-bases/"+kb, tok, nil), 200).data()["kbMetadata"].(map[string]any); md["files"] != 5.0 {
		t.Errorf("kbMetadata.files %v", md["files"])
	}
	e.expect(e.do("GET", "/knowledge-bases/files", tok, nil), 422)
	e.expect(e.do("GET", "/knowledge-bases/files?knowledgeBaseId="+kb+"&limit=101", tok, nil), 422)
	e.expect(e.do("GET", "/knowledge-bases/files?knowledgeBaseId="+kb+"&lastFileId=nope", tok, nil), 422)
	e.expect(e.do("GET", "/knowledge-bases/files?knowledgeBaseId=nope", tok, nil), 404)

	tok1, _ := e.loc(1)
	e.expect(e.do("GET", "/knowledge-bases/files/"+id, tok1, nil), 404)
	e.expect(e.do("DELETE", "/knowledge-bases/files/"+id, tok1, nil), 404)
	if del := e.expect(e.do("DELETE", "/knowledge-bases/files/"+id, tok, nil), 200); keys(del.body) != "success" {
		t.Errorf("%s", del.raw)
	}
	if x := e.expect(e.do("GET", "/knowledge-bases/files/"+id, tok, nil), 404); x.str("message") != "File not found" {
		t.Errorf("%s", x.raw)
	}
	e.expect(e.do("DELETE", "/knowledge-bases/files/"+id, tok, nil), 404)
}

func TestFileUploadErrors(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Options{})
	tok, loc := e.loc(0)
	_, loc1 := e.loc(1)
	kb := e.createKB(tok, loc, "files")
	fields := map[string]string{"knowledgeBaseId": kb}

	big := bytes.Repeat([]byte("x"), maxFileSize+1)
	r := e.expect(e.upload(tok, fields, "big.pdf", big), 413)
	if r.str("error") != "Request Entity Too Large" || !strings.Contains(r.str("message"), "10 MB") {
		t.Errorf("%s", r.raw)
	}
	e.expect(e.upload(tok, fields, "exact.pdf", big[:maxFileSize]), 200)
	// Beyond the router's cap the body is refused before anything else.
	e.expect(e.upload(tok, fields, "huge.pdf", bytes.Repeat([]byte("x"), maxFileSize+2<<20)), 413)

	if r = e.expect(e.upload(tok, fields, "notes.txt", []byte("hi")), 422); !r.hasMessage("file must be a PDF, DOC or DOCX document") {
		t.Errorf("%s", r.raw)
	}
	if r = e.expect(e.upload(tok, fields, "", nil), 422); !r.hasMessage("file should not be empty") {
		t.Errorf("%s", r.raw)
	}
	if r = e.expect(e.upload(tok, map[string]string{}, "a.pdf", []byte("x")), 422); !r.hasMessage("knowledgeBaseId should not be empty") {
		t.Errorf("%s", r.raw)
	}
	e.expect(e.do("POST", "/knowledge-bases/files", tok, map[string]any{"knowledgeBaseId": kb}), 422) // JSON, not multipart
	e.expect(e.upload(tok, map[string]string{"knowledgeBaseId": "nope"}, "a.pdf", []byte("x")), 404)
	if r = e.expect(e.upload(tok, map[string]string{"knowledgeBaseId": kb, "locationId": loc1}, "a.pdf", []byte("x")), 403); r.str("message") != msgLocation {
		t.Errorf("%s", r.raw)
	}
	e.dropScopes(tok, "knowledge-bases.write")
	e.expect(e.upload(tok, fields, "a.pdf", []byte("x")), 401)
}
