package exchange

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"strings"
	"sync"

	"github.com/cnaf-tools/cpog"
)

// The French messages of a JSON file that does not decode: what
// encoding/json says, said to a director.

// invalidCharRe is compiled on first use: only a JSON import that fails
// needs it, and package initialisation is paid by every start.
var invalidCharRe = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`invalid character '(.+?)'`) })

func syntaxMessage(se *json.SyntaxError) string {
	msg := se.Error()
	switch {
	case strings.Contains(msg, "unexpected end of JSON input"):
		return "fin de fichier inattendue (une accolade, un crochet ou un guillemet n’est pas fermé)"
	case strings.Contains(msg, "after top-level value"):
		return "texte après la fin de l’objet JSON"
	case strings.Contains(msg, "after object key:value pair"):
		return "virgule ou accolade fermante attendue"
	case strings.Contains(msg, "after array element"):
		return "virgule ou crochet fermant attendu"
	case strings.Contains(msg, "looking for beginning of object key string"):
		return "nom de champ entre guillemets attendu (virgule en trop ?)"
	}
	if m := invalidCharRe().FindStringSubmatch(msg); m != nil {
		return fmt.Sprintf("caractère « %s » inattendu", m[1])
	}
	return msg
}

// decodeMessage translates a decoding error of one member or element.
func decodeMessage(where string, err error) string {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		field := where
		if te.Field != "" {
			field = where + "." + te.Field
		}
		return fmt.Sprintf("« %s » : %s attendu, trouvé %s", field, typeName(te.Type), valueName(te.Value))
	}
	if msg := err.Error(); strings.HasPrefix(msg, "json: unknown field ") {
		return fmt.Sprintf("« %s » : champ inconnu « %s »", where, cpog.Cite(strings.Trim(strings.TrimPrefix(msg, "json: unknown field "), `"`)))
	}
	return fmt.Sprintf("« %s » : %v", where, err)
}

func typeName(t reflect.Type) string {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.Int, reflect.Int64:
		return "nombre entier"
	case reflect.Float64:
		return "nombre"
	case reflect.String:
		return "texte"
	case reflect.Bool:
		return "booléen (true ou false)"
	case reflect.Slice:
		return "liste"
	}
	return "objet"
}

func valueName(v string) string {
	switch {
	case v == "string":
		return "un texte"
	case strings.HasPrefix(v, "number"):
		return "un nombre"
	case v == "bool":
		return "un booléen"
	case v == "array":
		return "une liste"
	case v == "object":
		return "un objet"
	}
	return v
}
