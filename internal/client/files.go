// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package client

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/textproto"
	"net/url"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// Files of a knowledge base (contract §3.5 "Files"): LIVE only, not in OAS or SDK, and
// documented only under Version v3, so every files route sends Version: v3 (filesVersion)
// rather than the family's 2021-04-15: a server that serves the v3-only paths only under v3
// answers NestJS's 404 "Cannot POST /knowledge-bases/files" to any other value (§1.2; the
// emulator's files_v3_only switch). Answers are enveloped {success,data}; flat ones are
// accepted too.

// filesVersion is the Version header of the files routes (see above).
const filesVersion = "v3"

// KnowledgeBaseFileMaxBytes is the documented upload limit (10 MB).
const KnowledgeBaseFileMaxBytes = 10 << 20

// KnowledgeBaseFile is a file of a knowledge base.
type KnowledgeBaseFile struct {
	ID              string `json:"id"`
	Name            string `json:"name"`
	LocationID      string `json:"locationId,omitempty"`
	KnowledgeBaseID string `json:"knowledgeBaseId,omitempty"`
	Size            int64  `json:"size"`
	MimeType        string `json:"mimeType,omitempty"`
	Encoding        string `json:"encoding,omitempty"`
	Status          string `json:"status,omitempty"` // PROCESSED (the emulator goes PROCESSING → PROCESSED)
	Deleted         bool   `json:"deleted,omitempty"`
	CreatedAt       string `json:"createdAt,omitempty"`
	UpdatedAt       string `json:"updatedAt,omitempty"`
}

// FileUpload is the answer of UploadKnowledgeBaseFile: {url,fileId,folderPath}.
type FileUpload struct {
	URL        string `json:"url"`
	FileID     string `json:"fileId"`
	FolderPath string `json:"folderPath,omitempty"`
}

// UploadKnowledgeBaseFile uploads a PDF, DOC or DOCX file (at most 10 MB) to a knowledge base
// (POST /knowledge-bases/files, multipart fields knowledgeBaseId, locationId and file). The
// content is read into memory first; more than 10 MB is refused before anything is sent. Like
// every POST it is never retried once it may have reached the server.
func (c *Client) UploadKnowledgeBaseFile(ctx context.Context, locationID, kbID, fileName string, content io.Reader) (*FileUpload, error) {
	if err := requireID("knowledge base", kbID); err != nil {
		return nil, err
	}
	if strings.TrimSpace(fileName) == "" {
		return nil, errors.New("uploading a file to knowledge base " + kbID + ": the file name is empty")
	}
	if content == nil {
		return nil, errors.New("uploading " + fileName + " to knowledge base " + kbID + ": no content")
	}
	loc, err := c.LocationID(locationID)
	if err != nil {
		return nil, err
	}
	data, err := io.ReadAll(io.LimitReader(content, KnowledgeBaseFileMaxBytes+1))
	if err != nil {
		return nil, fmt.Errorf("uploading %s to knowledge base %s: reading the file: %w", fileName, kbID, err)
	}
	if len(data) > KnowledgeBaseFileMaxBytes {
		return nil, fmt.Errorf("uploading %s to knowledge base %s: the file is larger than the API's limit of 10 MB", fileName, kbID)
	}
	body, contentType, err := multipartFile(map[string]string{"knowledgeBaseId": kbID, "locationId": loc}, "file", fileName, data)
	if err != nil {
		return nil, fmt.Errorf("uploading %s to knowledge base %s: %w", fileName, kbID, err)
	}
	var out FileUpload
	err = c.do(ctx, req{method: http.MethodPost, path: "/knowledge-bases/files", family: familyKnowledgeBases, version: filesVersion,
		locationID: loc, rawBody: body, contentType: contentType}, inEnvelope(&out, "data"))
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// multipartFile builds a multipart/form-data body: the fields (in key order), then the file.
func multipartFile(fields map[string]string, fileField, fileName string, data []byte) ([]byte, string, error) {
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	keys := make([]string, 0, len(fields))
	for k := range fields {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		if err := w.WriteField(k, fields[k]); err != nil {
			return nil, "", err
		}
	}
	h := textproto.MIMEHeader{}
	h.Set("Content-Disposition", fmt.Sprintf(`form-data; name="%s"; filename="%s"`, quoteEscaper.Replace(fileField), quoteEscaper.Replace(fileName)))
	h.Set("Content-Type", fileContentType(fileName))
	part, err := w.CreatePart(h)
	if err != nil {
		return nil, "", err
	}
	if _, err := part.Write(data); err != nil {
		return nil, "", err
	}
	if err := w.Close(); err != nil {
		return nil, "", err
	}
	return buf.Bytes(), w.FormDataContentType(), nil
}

var quoteEscaper = strings.NewReplacer("\\", "\\\\", `"`, "\\\"", "\r", "", "\n", "")

// fileContentType is the MIME type of a knowledge-base file by its extension.
func fileContentType(name string) string {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".pdf":
		return "application/pdf"
	case ".doc":
		return "application/msword"
	case ".docx":
		return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
	default:
		return "application/octet-stream"
	}
}

// GetKnowledgeBaseFile reads a file (GET /knowledge-bases/files/{fileId}). IsNotFound(err) when
// it is gone: a 404, or deleted:true.
func (c *Client) GetKnowledgeBaseFile(ctx context.Context, locationID, fileID string) (*KnowledgeBaseFile, error) {
	if err := requireID("file", fileID); err != nil {
		return nil, err
	}
	path := pathf("/knowledge-bases/files/%s", fileID)
	var out KnowledgeBaseFile
	err := c.do(ctx, req{method: http.MethodGet, path: path, family: familyKnowledgeBases, version: filesVersion, locationID: locationID},
		inEnvelope(&out, "data"))
	if err != nil {
		return nil, err
	}
	if out.Deleted {
		return nil, goneError(http.MethodGet, path, "file "+fileID)
	}
	return &out, nil
}

// DeleteKnowledgeBaseFile deletes a file (DELETE /knowledge-bases/files/{fileId}). A 404 is
// returned as an error (IsNotFound).
func (c *Client) DeleteKnowledgeBaseFile(ctx context.Context, locationID, fileID string) error {
	if err := requireID("file", fileID); err != nil {
		return err
	}
	return c.do(ctx, req{method: http.MethodDelete, path: pathf("/knowledge-bases/files/%s", fileID),
		family: familyKnowledgeBases, version: filesVersion, locationID: locationID}, successOnly())
}

// ListKnowledgeBaseFiles lists the files of a knowledge base (GET /knowledge-bases/files,
// {success,data:{files,count}}), 100 a page, following lastFileId = the last file's id until the
// list is complete (count, else a short or empty page; see listProgress). Files marked deleted:true are left out.
func (c *Client) ListKnowledgeBaseFiles(ctx context.Context, locationID, kbID string) ([]KnowledgeBaseFile, error) {
	if err := requireID("knowledge base", kbID); err != nil {
		return nil, err
	}
	var all []KnowledgeBaseFile
	guard := cursorGuard{}
	progress := listProgress{what: "files of knowledge base " + kbID}
	cursor := ""
	for {
		q := url.Values{"knowledgeBaseId": {kbID}, "limit": {strconv.Itoa(listPageSize)}}
		if cursor != "" {
			q.Set("lastFileId", cursor)
		}
		var page struct {
			Files []KnowledgeBaseFile `json:"files"`
			Count *int                `json:"count"`
		}
		err := c.do(ctx, req{method: http.MethodGet, path: "/knowledge-bases/files", family: familyKnowledgeBases, version: filesVersion,
			locationID: locationID, query: q}, inEnvelope(&page, "data"))
		if err != nil {
			return nil, err
		}
		for _, f := range page.Files {
			if !f.Deleted {
				all = append(all, f)
			}
		}
		more, err := progress.page(len(page.Files), nil, page.Count)
		if err != nil || !more {
			return all, err
		}
		cursor = page.Files[len(page.Files)-1].ID
		if err := guard.advance("files of knowledge base "+kbID, "lastFileId", cursor); err != nil {
			return nil, err
		}
	}
}
