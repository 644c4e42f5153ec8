// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package knowledgebases_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/ghl-iac/terraform-provider-highlevel/internal/acctest"
	"github.com/ghl-iac/terraform-provider-highlevel/internal/client"
	"github.com/ghl-iac/terraform-provider-highlevel/internal/emulator"
)

const kbFile = "highlevel_knowledge_base_file.test"

func fileConfig(path, extra string) string {
	return fmt.Sprintf(`
resource "highlevel_knowledge_base" "kb" {
  name = "Docs"
}

resource "highlevel_knowledge_base_file" "test" {
  knowledge_base_id = highlevel_knowledge_base.kb.id
  path              = %q
%s
}
`, path, extra)
}

func sha(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// remoteFile reads the file at kbFile through the public API.
func remoteFile(t *testing.T, env *acctest.Env, s *terraform.State) (*client.KnowledgeBaseFile, error) {
	id, err := attr(s, kbFile, "id")
	if err != nil {
		return nil, err
	}
	return env.Client(t).GetKnowledgeBaseFile(context.Background(), env.LocationID, id)
}

func checkRemoteFile(t *testing.T, env *acctest.Env, name string, size int) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		f, err := remoteFile(t, env, s)
		if err != nil {
			return err
		}
		if f.Name != name || f.Size != int64(size) || f.Status != "PROCESSED" {
			return fmt.Errorf("remote file is %+v, want %s of %d bytes, PROCESSED", f, name, size)
		}
		return nil
	}
}

// checkFilesDestroyed verifies through the API that every file in state is gone.
func checkFilesDestroyed(t *testing.T, env *acctest.Env) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		for _, rs := range s.RootModule().Resources {
			if rs.Type != "highlevel_knowledge_base_file" {
				continue
			}
			_, err := env.Client(t).GetKnowledgeBaseFile(context.Background(), rs.Primary.Attributes["location_id"], rs.Primary.ID)
			if err == nil {
				return fmt.Errorf("file %s still exists", rs.Primary.ID)
			}
			if !client.IsNotFound(err) {
				return err
			}
		}
		return checkKnowledgeBasesDestroyed(t, env)(s)
	}
}

// fileLifecycleConfig is fileConfig plus a DOCX file in the same knowledge base, which
// stays as it is while the PDF goes through its changes.
func fileLifecycleConfig(path, docx string) string {
	return fileConfig(path, "") + fmt.Sprintf(`
resource "highlevel_knowledge_base_file" "docx" {
  knowledge_base_id = highlevel_knowledge_base.kb.id
  path              = %q
}
`, docx)
}

// TestAccFile_lifecycle covers create (a PDF and a DOCX), import (by both ID forms: the
// import command and an import block), a move on disk (update in place), new content and a
// new name (both replace), and the file deleted out of band (re-created).
func TestAccFile_lifecycle(t *testing.T) {
	t.Parallel()
	env := fastCrawlEnv(t)
	v1 := pdf("price list, version 1")
	v2 := pdf("price list, version 2 (longer)")
	path := writeTestFile(t, "prices.pdf", v1)
	docx := writeTestFile(t, "menu.docx", []byte("PK\x03\x04word/document.xml"))
	renamed := writeTestFile(t, "prices-2026.pdf", v2)
	var firstID, id string
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             checkFilesDestroyed(t, env),
		Steps: []resource.TestStep{
			{
				Config: env.Config(fileLifecycleConfig(path, docx)),
				Check: resource.ComposeTestCheckFunc(
					resource.TestCheckResourceAttr(kbFile, "status", "PROCESSED"),
					resource.TestCheckResourceAttr(kbFile, "name", "prices.pdf"),
					resource.TestCheckResourceAttr(kbFile, "size", fmt.Sprint(len(v1))),
					resource.TestCheckResourceAttr(kbFile, "mime_type", "application/pdf"),
					resource.TestCheckResourceAttr(kbFile, "content_sha256", sha(v1)),
					// A DOCX is accepted too.
					resource.TestCheckResourceAttr("highlevel_knowledge_base_file.docx", "status", "PROCESSED"),
					resource.TestCheckResourceAttr("highlevel_knowledge_base_file.docx", "mime_type",
						"application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
					captureID(kbFile, &firstID),
					checkRemoteFile(t, env, "prices.pdf", len(v1)),
				),
			},
			// Import by "<location>/<kb>/<file>" with the import command: the API knows neither
			// the local path nor the hash.
			{
				ResourceName: kbFile, ImportState: true, ImportStateVerify: true, ImportStateIdFunc: childImportID(kbFile, true),
				ImportStateVerifyIgnore: []string{"path", "content_sha256"},
			},
			// An import block with "<kb>/<file>" imports it and records path and hash in place (no upload).
			{
				ResourceName: kbFile, ImportState: true, ImportStateKind: resource.ImportBlockWithID, ImportStateIdFunc: childImportID(kbFile, false),
				ExpectNonEmptyPlan: true,
				ImportPlanChecks: resource.ImportPlanChecks{
					PreApply: []plancheck.PlanCheck{acctest.ExpectUpdateOf(kbFile, "content_sha256", "path")},
				},
			},
			// The same file in another directory: path updated in place, nothing uploaded.
			{
				PreConfig: func() { env.ResetCounters(t) },
				Config:    env.Config(fileLifecycleConfig(writeTestFile(t, "prices.pdf", v1), docx)),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{acctest.ExpectUpdateOf(kbFile, "path")},
				},
				Check: resource.ComposeTestCheckFunc(
					resource.TestCheckResourceAttrPtr(kbFile, "id", &firstID),
					func(*terraform.State) error {
						if n := env.Counters(t)["POST /knowledge-bases/files"]; n != 0 {
							return fmt.Errorf("moving the file uploaded it %d times", n)
						}
						return nil
					},
				),
			},
			// New content at the same path: replaced (the hash is computed at plan time).
			{
				PreConfig: func() {
					if err := os.WriteFile(path, v2, 0o600); err != nil {
						t.Fatal(err)
					}
				},
				Config: env.Config(fileLifecycleConfig(path, docx)),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(kbFile, plancheck.ResourceActionDestroyBeforeCreate),
						plancheck.ExpectResourceAction("highlevel_knowledge_base_file.docx", plancheck.ResourceActionNoop),
					},
				},
				Check: resource.ComposeTestCheckFunc(
					resource.TestCheckResourceAttr(kbFile, "content_sha256", sha(v2)),
					checkRemoteFile(t, env, "prices.pdf", len(v2)),
					func(*terraform.State) error {
						if _, err := env.Client(t).GetKnowledgeBaseFile(context.Background(), env.LocationID, firstID); !client.IsNotFound(err) {
							return fmt.Errorf("the replaced file %s still exists (err %v)", firstID, err)
						}
						return nil
					},
				),
			},
			// Another name: replaced, even with the same content.
			{
				Config: env.Config(fileLifecycleConfig(renamed, docx)),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(kbFile, plancheck.ResourceActionDestroyBeforeCreate)},
				},
				Check: resource.ComposeTestCheckFunc(
					captureID(kbFile, &id),
					checkRemoteFile(t, env, "prices-2026.pdf", len(v2)),
				),
			},
			// Deleted out of band: the plan uploads it again.
			{
				PreConfig: func() {
					if err := env.Client(t).DeleteKnowledgeBaseFile(context.Background(), env.LocationID, id); err != nil {
						t.Fatal(err)
					}
				},
				Config: env.Config(fileLifecycleConfig(renamed, docx)),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(kbFile, plancheck.ResourceActionCreate)},
				},
				Check: checkRemoteFile(t, env, "prices-2026.pdf", len(v2)),
			},
		},
	})
}

// TestAccFile_processingTimeout lets processing outlast a short create timeout: the error
// says so with the last status, the file stays in state (tainted), and the next apply
// replaces it once processing is fast again.
func TestAccFile_processingTimeout(t *testing.T) {
	t.Parallel()
	env := acctest.Isolated(t, emulator.Options{CrawlStepDelay: time.Minute, RateLimitBurst: -1})
	config := env.Config(fileConfig(writeTestFile(t, "slow.pdf", pdf("slow")), `  timeouts {
    create = "1s"
  }`))
	var kb string
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             checkFilesDestroyed(t, env),
		Steps: []resource.TestStep{
			{
				Config:      config,
				ExpectError: re(`The file was uploaded but not processed[\s\S]*timed out after [\d.]+m?s waiting for file slow.pdf \(\w+\) to be processed; last progress seen: status PROCESSING[\s\S]*stays in state, marked tainted`),
			},
			{
				PreConfig: func() { setCrawlStep(t, env, 20*time.Millisecond) },
				Config:    config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(kbFile, plancheck.ResourceActionDestroyBeforeCreate)},
				},
				Check: resource.ComposeTestCheckFunc(
					captureID("highlevel_knowledge_base.kb", &kb),
					checkRemoteFile(t, env, "slow.pdf", len(pdf("slow"))),
					func(*terraform.State) error {
						files, err := env.Client(t).ListKnowledgeBaseFiles(context.Background(), env.LocationID, kb)
						if err != nil || len(files) != 1 {
							return fmt.Errorf("the knowledge base has %d files (err %v), want 1: the tainted one must be deleted", len(files), err)
						}
						return nil
					},
				),
			},
		},
	})
}
