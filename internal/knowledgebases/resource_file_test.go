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
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

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

func TestAccFile_lifecycle(t *testing.T) {
	t.Parallel()
	env := fastCrawlEnv(t)
	v1 := pdf("price list, version 1")
	path := writeTestFile(t, "prices.pdf", v1)
	var firstID string
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             checkFilesDestroyed(t, env),
		Steps: []resource.TestStep{
			{
				Config: env.Config(fileConfig(path, "")),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(kbFile, tfjsonpath.New("status"), knownvalue.StringExact("PROCESSED")),
					statecheck.ExpectKnownValue(kbFile, tfjsonpath.New("name"), knownvalue.StringExact("prices.pdf")),
					statecheck.ExpectKnownValue(kbFile, tfjsonpath.New("size"), knownvalue.Int64Exact(int64(len(v1)))),
					statecheck.ExpectKnownValue(kbFile, tfjsonpath.New("mime_type"), knownvalue.StringExact("application/pdf")),
					statecheck.ExpectKnownValue(kbFile, tfjsonpath.New("content_sha256"), knownvalue.StringExact(sha(v1))),
				},
				Check: resource.ComposeTestCheckFunc(captureID(kbFile, &firstID), checkRemoteFile(t, env, "prices.pdf", len(v1))),
			},
			// Import: the API knows neither the local path nor the hash.
			{
				ResourceName: kbFile, ImportState: true, ImportStateVerify: true, ImportStateIdFunc: childImportID(kbFile, false),
				ImportStateVerifyIgnore: []string{"path", "content_sha256"},
			},
			{
				ResourceName: kbFile, ImportState: true, ImportStateVerify: true, ImportStateIdFunc: childImportID(kbFile, true),
				ImportStateVerifyIgnore: []string{"path", "content_sha256"},
			},
			// An import block imports it and records path and hash in place (no upload).
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
				Config:    env.Config(fileConfig(writeTestFile(t, "prices.pdf", v1), "")),
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
					if err := os.WriteFile(path, pdf("price list, version 2 (longer)"), 0o600); err != nil {
						t.Fatal(err)
					}
				},
				Config: env.Config(fileConfig(path, "")),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(kbFile, plancheck.ResourceActionDestroyBeforeCreate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(kbFile, tfjsonpath.New("content_sha256"), knownvalue.StringExact(sha(pdf("price list, version 2 (longer)")))),
				},
				Check: resource.ComposeTestCheckFunc(
					checkRemoteFile(t, env, "prices.pdf", len(pdf("price list, version 2 (longer)"))),
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
				Config: env.Config(fileConfig(writeTestFile(t, "prices-2026.pdf", pdf("price list, version 2 (longer)")), "")),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(kbFile, plancheck.ResourceActionDestroyBeforeCreate)},
				},
				Check: checkRemoteFile(t, env, "prices-2026.pdf", len(pdf("price list, version 2 (longer)"))),
			},
			// A DOCX is accepted too.
			{
				Config: env.Config(fileConfig(writeTestFile(t, "menu.docx", []byte("PK\x03\x04word/document.xml")), "")),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(kbFile, tfjsonpath.New("mime_type"),
						knownvalue.StringExact("application/vnd.openxmlformats-officedocument.wordprocessingml.document")),
				},
			},
		},
	})
}

func TestAccFile_disappears(t *testing.T) {
	t.Parallel()
	env := fastCrawlEnv(t)
	config := env.Config(fileConfig(writeTestFile(t, "doomed.pdf", pdf("x")), ""))
	var id string
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             checkFilesDestroyed(t, env),
		Steps: []resource.TestStep{
			{Config: config, Check: captureID(kbFile, &id)},
			{
				PreConfig: func() {
					if err := env.Client(t).DeleteKnowledgeBaseFile(context.Background(), env.LocationID, id); err != nil {
						t.Fatal(err)
					}
				},
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(kbFile, plancheck.ResourceActionCreate)},
				},
				Check: checkRemoteFile(t, env, "doomed.pdf", len(pdf("x"))),
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
