// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

package emulator

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// The data file is one JSON document {"format":1,"state":{…}} rewritten whole after every
// acknowledged write: marshal, write to a temporary file in the same directory, fsync,
// rename over the data file, fsync the directory. A crash leaves either the old or the
// new file, never a mix. The write happens under e.mu, before the response is sent, so
// the file never lags behind an answer the client has seen and writes never reorder.

const persistFormat = 1

type persistedFile struct {
	Format int    `json:"format"`
	State  *State `json:"state"`
}

// loadState reads path. found is false (and the state empty) when path is "" or does not
// exist. Anything unreadable is an error: the emulator never silently starts empty over
// a user's data.
func loadState(path string) (st *State, found bool, err error) {
	st = &State{}
	if path == "" {
		return st, false, nil
	}
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return st, false, nil
	}
	if err != nil {
		return nil, false, fmt.Errorf("emulator: reading data file: %w", err)
	}
	var pf persistedFile
	if err := json.Unmarshal(b, &pf); err != nil {
		return nil, false, fmt.Errorf("emulator: data file %s is corrupt (%v); move it away to start with a fresh state", path, err)
	}
	if pf.Format != persistFormat || pf.State == nil || pf.State.AdminToken == "" {
		return nil, false, fmt.Errorf("emulator: data file %s is not an emulator state (format %d); move it away to start with a fresh state", path, pf.Format)
	}
	return pf.State, true, nil
}

// persistLocked writes the state to the data file, if any. The caller holds e.mu (or is
// New, before the emulator is shared).
func (e *Emulator) persistLocked() error {
	path := e.opts.DataFile
	if path == "" {
		return nil
	}
	b, err := json.Marshal(persistedFile{Format: persistFormat, State: e.st})
	if err != nil {
		return err
	}
	return writeFileAtomic(path, b, 0o600)
}

func writeFileAtomic(path string, data []byte, perm os.FileMode) (err error) {
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			_ = os.Remove(tmp)
		}
	}()
	if _, err = f.Write(data); err != nil {
		_ = f.Close()
		return err
	}
	if err = f.Chmod(perm); err != nil {
		_ = f.Close()
		return err
	}
	if err = f.Sync(); err != nil {
		_ = f.Close()
		return err
	}
	if err = f.Close(); err != nil {
		return err
	}
	if err = os.Rename(tmp, path); err != nil {
		return err
	}
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}
