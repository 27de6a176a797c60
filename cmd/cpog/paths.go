package main

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
)

// defaultDBPath is where cpog keeps its database when neither --db nor
// CPOG_DB says otherwise: the user's data directory, by each OS's custom.
func defaultDBPath(getenv func(string) string) (string, error) {
	if p := getenv("XDG_DATA_HOME"); p != "" && filepath.IsAbs(p) {
		return filepath.Join(p, "cpog", "cpog.db"), nil
	}
	switch runtime.GOOS {
	case "windows":
		if p := getenv("LocalAppData"); p != "" {
			return filepath.Join(p, "cpog", "cpog.db"), nil
		}
		if p := getenv("APPDATA"); p != "" {
			return filepath.Join(p, "cpog", "cpog.db"), nil
		}
	case "darwin":
		if h := home(getenv); h != "" {
			return filepath.Join(h, "Library", "Application Support", "cpog", "cpog.db"), nil
		}
	default:
		if h := home(getenv); h != "" {
			return filepath.Join(h, ".local", "share", "cpog", "cpog.db"), nil
		}
	}
	return "", fmt.Errorf("impossible de trouver le dossier de données de l’utilisateur : indiquez la base avec --db FICHIER ou CPOG_DB")
}

func home(getenv func(string) string) string {
	if h := getenv("HOME"); h != "" {
		return h
	}
	h, _ := os.UserHomeDir()
	return h
}
