// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// readRefreshToken reads the refresh token kept in file (surrounding white space ignored).
func readRefreshToken(file string) (string, error) {
	b, err := os.ReadFile(file)
	if err != nil {
		return "", err
	}
	tok := strings.TrimSpace(string(b))
	if tok == "" {
		return "", fmt.Errorf("%s is empty: it must hold the agency's OAuth refresh token", file)
	}
	return tok, nil
}

// writeRefreshToken replaces file's content with token atomically (write a temporary file in
// the same directory, sync, rename), so that a crash never leaves a half-written token.
func writeRefreshToken(file, token string) error {
	tmp, err := os.CreateTemp(filepath.Dir(file), ".refresh-token-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if err := tmp.Chmod(0o600); err != nil {
		tmp.Close()
		return err
	}
	if _, err := tmp.WriteString(token + "\n"); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), file)
}
