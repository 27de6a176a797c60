package exchange

// keptCanon is the largest canonical buffer a Decoder keeps for the next
// file: an exchange file is a few hundred kilobytes, and a worker must not
// hold a file's worth of memory for good after one large file.
const keptCanon = 2 << 20

// shrink lets the file go once it is decoded: the parser's scratch
// space points into its input, which must not stay in memory until the
// next file; a large output buffer goes too.
func (p *canonParser) shrink() {
	p.in = nil
	for d := range p.members {
		clear(p.members[d][:cap(p.members[d])])
	}
	for d := range p.orders {
		clear(p.orders[d].keys[:cap(p.orders[d].keys)])
	}
	if cap(p.out) > keptCanon {
		p.out = nil
	}
}
