package cpog

import "errors"

// Error codes shared by every layer, so that the CLI can choose an exit
// status and the interface a message without parsing text.
const (
	EInvalid  = "invalid"  // bad user input
	ENotFound = "notfound" // unknown indicator, Caf, year
	EConflict = "conflict" // the database is busy or changed meanwhile
	ESchema   = "schema"   // the database comes from a newer cpog, or from no cpog
	ECorrupt  = "corrupt"  // the database file is damaged
	EInternal = "internal"
)

// Error is a domain error with a French message meant for the user.
type Error struct {
	Code    string
	Message string
	// Cause is the technical error behind the message, if any: kept for
	// developers and for `cpog doctor`, which prints it on a line of its
	// own; never part of Message.
	Cause error
}

func (e *Error) Error() string { return e.Message }

// Unwrap gives the technical cause.
func (e *Error) Unwrap() error { return e.Cause }

// Errorf builds an Error with a code.
func Errorf(code, message string) *Error { return &Error{Code: code, Message: message} }

// ErrorCode returns the code of an Error in err's chain, or EInternal.
func ErrorCode(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EInternal
}
