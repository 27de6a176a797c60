// Package cpog holds the domain of the CPOG negotiation: the COG referential
// (axes, fiches, indicators and their national targets), the Caf, their local
// targets, and the rules that turn numbers into decisions (references, gaps,
// achievement rates) together with the parsing and formatting of French
// numbers. It does no I/O: the store, the terminal interface and the file
// formats live in subpackages that depend on it.
package cpog
