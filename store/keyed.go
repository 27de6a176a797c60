package store

// keyed holds rows of one table by key, with the keys changed, in the
// order they were first changed. Its maps are made on first use: most
// changes touch one table.
type keyed[K comparable, V any] struct {
	vals  map[K]V
	dirty []K
	seen  map[K]bool
}

// put records a row as read from the table.
func (r *keyed[K, V]) put(k K, v V) {
	if r.vals == nil {
		r.vals = map[K]V{}
	}
	r.vals[k] = v
}

func (r *keyed[K, V]) touch(k K) {
	if r.seen == nil {
		r.seen = map[K]bool{}
	}
	if !r.seen[k] {
		r.seen[k] = true
		r.dirty = append(r.dirty, k)
	}
}

// set stores v, or deletes the row when !ok, and returns the value before.
func (r *keyed[K, V]) set(k K, v V, ok bool) (old V, had bool) {
	old, had = r.vals[k]
	if ok {
		r.put(k, v)
	} else {
		delete(r.vals, k)
	}
	r.touch(k)
	return old, had
}
