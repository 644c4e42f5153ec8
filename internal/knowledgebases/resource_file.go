// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package knowledgebases

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/ghl-iac/terraform-provider-highlevel/internal/client"
	"github.com/ghl-iac/terraform-provider-highlevel/internal/framework"
)

var (
	_ resource.ResourceWithConfigure      = (*fileResource)(nil)
	_ resource.ResourceWithImportState    = (*fileResource)(nil)
	_ resource.ResourceWithIdentity       = (*fileResource)(nil)
	_ resource.ResourceWithModifyPlan     = (*fileResource)(nil)
	_ resource.ResourceWithValidateConfig = (*fileResource)(nil)
)

// defaultFileTimeout bounds the wait for a file to be processed.
const defaultFileTimeout = 10 * time.Minute

// File statuses (contract §3.5: PROCESSED is documented; the emulator goes PROCESSING first).
const fileProcessed = "PROCESSED"

// NewFileResource is the highlevel_knowledge_base_file resource.
func NewFileResource() resource.Resource { return &fileResource{backoff: framework.DefaultPollBackoff} }

type fileResource struct {
	data    *framework.ProviderData
	backoff framework.Backoff
}

// fileModel is the state of highlevel_knowledge_base_file.
type fileModel struct {
	ID              types.String   `tfsdk:"id"`
	LocationID      types.String   `tfsdk:"location_id"`
	KnowledgeBaseID types.String   `tfsdk:"knowledge_base_id"`
	Path            types.String   `tfsdk:"path"`
	ContentSHA256   types.String   `tfsdk:"content_sha256"`
	Name            types.String   `tfsdk:"name"`
	Size            types.Int64    `tfsdk:"size"`
	MimeType        types.String   `tfsdk:"mime_type"`
	Status          types.String   `tfsdk:"status"`
	Timeouts        timeouts.Value `tfsdk:"timeouts"`
}

func (r *fileResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_knowledge_base_file"
}

func (r *fileResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	computedString := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{MarkdownDescription: desc, Computed: true,
			PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()}}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "A document a knowledge base learns from, uploaded from a local file: " + fileTypesAllowed +
			". The type (by extension and content) and the size are checked at plan time. Apply uploads the file and " +
			"waits until HighLevel has processed it, for at most `timeouts.create` (default 10 minutes); a file " +
			"that is not processed in time stays in state, marked tainted, and the next apply uploads it again.\n\n" +
			"The API cannot change an uploaded file: when the file's content or name changes, the plan replaces the " +
			"resource (the content is compared by its SHA-256, computed at plan time). Moving the file to another " +
			"directory without changing it updates `path` in place, without an API call.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "The file's ID.",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"location_id":       framework.LocationIDAttribute(),
			"knowledge_base_id": knowledgeBaseIDAttribute("file"),
			"path": schema.StringAttribute{
				MarkdownDescription: "Path of the local file to upload: " + fileTypesAllowed + ". A relative path is " +
					"relative to the directory Terraform runs in; use `\"${path.module}/<file>\"` for a file beside the " +
					"configuration. The file's name (without its directory) is the name HighLevel shows.",
				Required:   true,
				Validators: []validator.String{framework.NotBlank()},
			},
			"content_sha256": schema.StringAttribute{
				MarkdownDescription: "SHA-256 of the file's content (hex), computed at plan time. A change replaces the file.",
				Computed:            true,
			},
			"name":      computedString("The file's name as HighLevel stores it."),
			"mime_type": computedString("The file's MIME type as HighLevel stores it."),
			"status":    computedString("The file's processing status (`PROCESSED` once the agent can use it)."),
			"size": schema.Int64Attribute{
				MarkdownDescription: "The file's size in bytes, as HighLevel stores it.",
				Computed:            true,
				PlanModifiers:       []planmodifier.Int64{int64planmodifier.UseStateForUnknown()},
			},
		},
		Blocks: map[string]schema.Block{
			"timeouts": timeouts.Block(ctx, timeouts.Opts{Create: true}),
		},
	}
}

func (r *fileResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = framework.ChildIdentitySchema("knowledge_base_id", "The ID of the file's knowledge base.", "The file's ID.")
}

func (r *fileResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.data = framework.ConfigureData(req.ProviderData, &resp.Diagnostics)
}

func (r *fileResource) client() *client.Client {
	if r.data == nil {
		return nil
	}
	return r.data.Client
}

// ValidateConfig checks the file at plan time, when its path is known: type, size, existence.
func (r *fileResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var p types.String
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("path"), &p)...)
	if resp.Diagnostics.HasError() || p.IsNull() || p.IsUnknown() || strings.TrimSpace(p.ValueString()) == "" {
		return
	}
	if _, err := inspectFile(p.ValueString()); err != nil {
		resp.Diagnostics.AddAttributeError(path.Root("path"), "Unusable knowledge base file", err.Error())
	}
}

// ModifyPlan hashes the file, so that a changed file (or a file of another name) replaces
// the resource.
func (r *fileResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	framework.PlanLocationID(ctx, r.client(), req, resp)
	if resp.Diagnostics.HasError() || req.Plan.Raw.IsNull() {
		return
	}
	var plan fileModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	creating := req.State.Raw.IsNull()
	var state fileModel
	if !creating {
		resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
		if resp.Diagnostics.HasError() {
			return
		}
	}
	if plan.Path.IsUnknown() {
		// Known only at apply: the content may differ.
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("content_sha256"), types.StringUnknown())...)
		if !creating {
			resp.RequiresReplace = append(resp.RequiresReplace, path.Root("path"))
		}
		return
	}
	f, err := inspectFile(plan.Path.ValueString())
	if err != nil {
		resp.Diagnostics.AddAttributeError(path.Root("path"), "Unusable knowledge base file", err.Error())
		return
	}
	resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("content_sha256"), f.SHA256)...)
	if creating {
		return
	}
	if why := replaceReasons(f, state); why != "" {
		tflog.Info(ctx, "knowledge base file must be replaced: "+why, map[string]any{"id": state.ID.ValueString()})
		resp.RequiresReplace = append(resp.RequiresReplace, path.Root("content_sha256"))
	}
	if !state.Name.IsNull() && f.Name != state.Name.ValueString() {
		resp.RequiresReplace = append(resp.RequiresReplace, path.Root("path"))
	}
}

// replaceReasons says why the uploaded file no longer matches the local one ("" when it does). A file imported
// (no hash in state) is matched by name and size.
func replaceReasons(f localFile, state fileModel) string {
	switch {
	case !state.ContentSHA256.IsNull() && !state.ContentSHA256.IsUnknown():
		if state.ContentSHA256.ValueString() != f.SHA256 {
			return "the file's content changed"
		}
	case !state.Size.IsNull() && !state.Size.IsUnknown() && state.Size.ValueInt64() != f.Size:
		return fmt.Sprintf("the local file has %d bytes, the uploaded one %d", f.Size, state.Size.ValueInt64())
	}
	return ""
}

func (r *fileResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan fileModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	timeout, diags := plan.Timeouts.Create(ctx, defaultFileTimeout)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	c := r.client()
	location, kbID := plan.LocationID.ValueString(), plan.KnowledgeBaseID.ValueString()
	data, info, err := readFile(plan.Path.ValueString())
	if err != nil {
		resp.Diagnostics.AddAttributeError(path.Root("path"), "Unusable knowledge base file", err.Error())
		return
	}
	sum := sha256.Sum256(data)
	hash := hex.EncodeToString(sum[:])
	if !plan.ContentSHA256.IsUnknown() && plan.ContentSHA256.ValueString() != hash {
		resp.Diagnostics.AddAttributeError(path.Root("path"), "The file changed after the plan",
			fmt.Sprintf("%s has SHA-256 %s now, %s when the plan was made. Plan again.", plan.Path.ValueString(), hash, plan.ContentSHA256.ValueString()))
		return
	}
	name := filepath.Base(plan.Path.ValueString())
	up, adopted, err := framework.CreateOnce(ctx, r.data.Created, "knowledge base file", location+"/"+kbID,
		func(ctx context.Context) (*client.FileUpload, string, error) {
			u, err := c.UploadKnowledgeBaseFile(ctx, location, kbID, name, bytes.NewReader(data))
			if err != nil {
				return nil, "", err
			}
			return u, u.FileID, nil
		},
		func(ctx context.Context) ([]framework.Candidate, error) {
			files, err := c.ListKnowledgeBaseFiles(ctx, location, kbID)
			if err != nil {
				return nil, err
			}
			out := make([]framework.Candidate, 0, len(files))
			for _, f := range files {
				out = append(out, framework.Candidate{ID: f.ID, CreatedAt: f.CreatedAt, Matches: f.Name == name && f.Size == info.Size()})
			}
			return out, nil
		})
	if err != nil {
		resp.Diagnostics.AddError("Cannot upload the file", err.Error())
		return
	}
	id := adopted
	if id == "" {
		id = up.FileID
	}
	tflog.Info(ctx, "uploaded knowledge base file; waiting until it is processed", map[string]any{"id": id, "name": name, "bytes": len(data)})

	// Wait for PROCESSED. From here on the file exists: on failure it stays in state (tainted).
	waitCtx, cancel := context.WithTimeout(ctx, timeout)
	var file *client.KnowledgeBaseFile
	err = r.backoff.Poll(waitCtx, fmt.Sprintf("file %s (%s) to be processed", name, id), func(ctx context.Context) (bool, string, error) {
		f, err := c.GetKnowledgeBaseFile(ctx, location, id)
		if err != nil {
			return false, "", err
		}
		file = f
		switch status := strings.ToUpper(f.Status); {
		case status == fileProcessed || status == "":
			return true, "status " + statusOrUnknown(f.Status), nil
		case strings.Contains(status, "FAIL") || strings.Contains(status, "ERROR"):
			return false, "", fmt.Errorf("HighLevel could not process file %s (%s): status %s", name, id, f.Status)
		default:
			return false, "status " + f.Status, nil
		}
	})
	cancel()
	m := plan
	m.ContentSHA256 = types.StringValue(hash)
	if file == nil {
		file = &client.KnowledgeBaseFile{ID: id, Name: name, Size: int64(len(data)), MimeType: fileContentType(name), Status: "unknown"}
	}
	m.setFromAPI(file, location, kbID)
	r.save(ctx, m, &resp.State, resp.Identity, &resp.Diagnostics)
	if err != nil {
		resp.Diagnostics.AddError("The file was uploaded but not processed", err.Error()+
			"\n\nThe file stays in state, marked tainted: the next apply deletes it and uploads it again.")
	}
}

func (r *fileResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state fileModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	location, kbID, id := state.LocationID.ValueString(), state.KnowledgeBaseID.ValueString(), state.ID.ValueString()
	file, err := r.client().GetKnowledgeBaseFile(ctx, location, id)
	if gone(err) {
		framework.RemoveVanished(ctx, req, resp, "knowledge base file", id)
		return
	}
	if err != nil {
		resp.Diagnostics.AddError("Cannot read the knowledge base file", err.Error())
		return
	}
	if file.KnowledgeBaseID != "" && file.KnowledgeBaseID != kbID {
		resp.Diagnostics.AddError("The file belongs to another knowledge base",
			fmt.Sprintf("File %s belongs to knowledge base %s, not %s. Import it as \"%s/%s\".", id, file.KnowledgeBaseID, kbID, file.KnowledgeBaseID, id))
		return
	}
	state.setFromAPI(file, location, kbID)
	r.save(ctx, state, &resp.State, resp.Identity, &resp.Diagnostics)
}

// Update only records a new path of the same file (or new timeouts): the API cannot change an
// uploaded file, so every other change replaces it.
func (r *fileResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan fileModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	location, kbID, id := plan.LocationID.ValueString(), plan.KnowledgeBaseID.ValueString(), plan.ID.ValueString()
	file, err := r.client().GetKnowledgeBaseFile(ctx, location, id)
	if err != nil {
		resp.Diagnostics.AddError("Cannot read the knowledge base file", err.Error())
		return
	}
	plan.setFromAPI(file, location, kbID)
	r.save(ctx, plan, &resp.State, resp.Identity, &resp.Diagnostics)
}

func (r *fileResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state fileModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	err := r.client().DeleteKnowledgeBaseFile(ctx, state.LocationID.ValueString(), state.ID.ValueString())
	if err != nil && !gone(err) {
		resp.Diagnostics.AddError("Cannot delete the knowledge base file", err.Error())
	}
}

// ImportState takes "<knowledge_base_id>/<file_id>" or "<location_id>/<knowledge_base_id>/<file_id>",
// or an identity. path and content_sha256 cannot be read from the API: the first plan after
// the import records them (in place when the local file has the uploaded file's name and size).
func (r *fileResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	framework.ImportChild(ctx, r.client(), req, resp, "knowledge_base_id", "file_id")
}

func (r *fileResource) save(ctx context.Context, m fileModel, state *tfsdk.State, identity *tfsdk.ResourceIdentity, diags *diag.Diagnostics) {
	diags.Append(framework.SetState(ctx, state, &m)...)
	diags.Append(framework.SetChildIdentity(ctx, identity, m.LocationID.ValueString(), "knowledge_base_id",
		m.KnowledgeBaseID.ValueString(), m.ID.ValueString())...)
}

// setFromAPI copies the API's file into m (path and hash are the provider's own).
func (m *fileModel) setFromAPI(f *client.KnowledgeBaseFile, location, kbID string) {
	m.ID = types.StringValue(f.ID)
	m.LocationID = types.StringValue(location)
	m.KnowledgeBaseID = types.StringValue(kbID)
	m.Name = types.StringValue(f.Name)
	m.Size = types.Int64Value(f.Size)
	m.MimeType = types.StringValue(f.MimeType)
	m.Status = types.StringValue(f.Status)
	if m.ContentSHA256.IsUnknown() {
		m.ContentSHA256 = types.StringNull()
	}
}

// fileContentType is the MIME type of an accepted file by its extension (used only when the
// API's answer is missing).
func fileContentType(name string) string {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".pdf":
		return "application/pdf"
	case ".doc":
		return "application/msword"
	default:
		return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
	}
}
