// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package knowledgebases

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/ghl-iac/terraform-provider-highlevel/internal/client"
)

// Files a knowledge base accepts (contract §3.5 "Files"): PDF, DOC or DOCX, at most 10 MB.
// The provider checks both at plan time, from the file itself, so that a bad file fails the
// plan instead of the upload.

// fileKinds maps the accepted extensions to a check of the file's first bytes.
var fileKinds = map[string]struct {
	what  string
	magic func(head []byte) bool
}{
	".pdf":  {"PDF", func(h []byte) bool { return bytes.Contains(h, []byte("%PDF-")) }}, // within the first 1 KiB, as readers allow
	".doc":  {"Word 97-2003 (OLE2) document", func(h []byte) bool { return bytes.HasPrefix(h, []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}) }},
	".docx": {"Word (Office Open XML, ZIP) document", func(h []byte) bool { return bytes.HasPrefix(h, []byte("PK\x03\x04")) }},
}

const fileTypesAllowed = "a PDF (.pdf), DOC (.doc) or DOCX (.docx) file of at most 10 MB (10,485,760 bytes)"

// localFile is what the provider knows of a file on disk.
type localFile struct {
	Name   string // base name, as uploaded
	Size   int64
	SHA256 string // hex
}

// inspectFile checks that path is a regular PDF, DOC or DOCX file of at most 10 MB, and
// returns its name, size and SHA-256. The error says what is allowed.
func inspectFile(path string) (localFile, error) {
	data, info, err := readFile(path)
	if err != nil {
		return localFile{}, err
	}
	sum := sha256.Sum256(data)
	return localFile{Name: info.Name(), Size: info.Size(), SHA256: hex.EncodeToString(sum[:])}, nil
}

// readFile reads a file after checking its kind and size; the content is at most 10 MB.
func readFile(path string) ([]byte, os.FileInfo, error) {
	if strings.TrimSpace(path) == "" {
		return nil, nil, fmt.Errorf("the path is empty: give the path of %s", fileTypesAllowed)
	}
	ext := strings.ToLower(filepath.Ext(path))
	kind, ok := fileKinds[ext]
	if !ok {
		return nil, nil, fmt.Errorf("%q is not an accepted file type (extension %q): a knowledge base takes %s", path, ext, fileTypesAllowed)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, fmt.Errorf("cannot open %q: %v (a relative path is relative to the directory Terraform runs in; "+
			"use \"${path.module}/<file>\" for a file beside the configuration)", path, err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, nil, fmt.Errorf("cannot read %q: %v", path, err)
	}
	if !info.Mode().IsRegular() {
		return nil, nil, fmt.Errorf("%q is not a regular file: give the path of %s", path, fileTypesAllowed)
	}
	if info.Size() > client.KnowledgeBaseFileMaxBytes {
		return nil, nil, fmt.Errorf("%q is %s, larger than the API's limit: a knowledge base takes %s", path, byteSize(info.Size()), fileTypesAllowed)
	}
	if info.Size() == 0 {
		return nil, nil, fmt.Errorf("%q is empty: a knowledge base takes %s", path, fileTypesAllowed)
	}
	data, err := io.ReadAll(io.LimitReader(f, client.KnowledgeBaseFileMaxBytes+1))
	if err != nil {
		return nil, nil, fmt.Errorf("cannot read %q: %v", path, err)
	}
	if len(data) > client.KnowledgeBaseFileMaxBytes {
		return nil, nil, fmt.Errorf("%q grew beyond 10 MB while it was read: a knowledge base takes %s", path, fileTypesAllowed)
	}
	if !kind.magic(data[:min(len(data), 1024)]) {
		return nil, nil, fmt.Errorf("%q is named like a %s file but its content is not one: a knowledge base takes %s", path, kind.what, fileTypesAllowed)
	}
	return data, info, nil
}

// byteSize renders a size for messages: "10.5 MB (11010048 bytes)".
func byteSize(n int64) string {
	return fmt.Sprintf("%.1f MB (%d bytes)", float64(n)/(1<<20), n)
}
