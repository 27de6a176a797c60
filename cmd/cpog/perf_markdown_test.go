//go:build !windows

package main

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// The Markdown that scripts/perf-report puts in PERFORMANCE.md.

func ms(d time.Duration) string { return fmt.Sprintf("%.1f ms", float64(d)/1e6) }

func mb(n int64) string { return fmt.Sprintf("%.1f MB", float64(n)/(1<<20)) }

func met(ok bool) string {
	if ok {
		return "met"
	}
	return "**not met**"
}

func spread(ds []time.Duration) string {
	if len(ds) == 0 {
		return ""
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	return fmt.Sprintf("min %s, max %s", ms(s[0]), ms(s[len(s)-1]))
}

func samples(ds []time.Duration) string {
	parts := make([]string, len(ds))
	for i, d := range ds {
		parts[i] = fmt.Sprintf("%.1f", float64(d)/1e6)
	}
	return strings.Join(parts, " ")
}

// ratio is cpog's median start over less's in one terminal, 0 when less
// was not measured.
func (r terminalRun) ratio() float64 {
	if len(r.less) == 0 {
		return 0
	}
	return float64(median(r.cpog)) / float64(median(r.less))
}

type target struct {
	name string
	ok   bool
}

func (r perfResult) targets() []target {
	pty := r.terms[0]
	tg := []target{
		{fmt.Sprintf("first full frame ≤ %s in the pty", ms(targetStartExisting)), median(pty.cpog) <= targetStartExisting},
	}
	for _, term := range r.terms {
		if term.name == pty.name || strings.HasPrefix(term.name, "tmux") {
			tg = append(tg, target{fmt.Sprintf("within 2× of less (%s)", strings.SplitN(term.name, " ", 2)[0]), term.ratio() > 0 && term.ratio() <= targetLessRatio})
		}
	}
	return append(tg,
		target{fmt.Sprintf("first run ≤ %s", ms(targetStartFirstRun)), median(r.firstRun) <= targetStartFirstRun},
		target{fmt.Sprintf("`cpog version` ≤ %s", ms(targetVersion)), median(r.version) <= targetVersion},
		target{fmt.Sprintf("peak memory ≤ %s", mb(targetPeakRSS)), r.rss <= targetPeakRSS},
		target{fmt.Sprintf("binary ≤ %s", mb(targetBinarySize)), r.size <= targetBinarySize},
	)
}

func (r perfResult) markdown() string {
	var b strings.Builder
	var good, bad []string
	tgs := r.targets()
	for _, tg := range tgs {
		if tg.ok {
			good = append(good, tg.name)
		} else {
			bad = append(bad, tg.name)
		}
	}
	fmt.Fprintf(&b, "**%d of %d targets met** (%s).", len(good), len(tgs), strings.Join(good, ", "))
	if len(bad) > 0 {
		fmt.Fprintf(&b, " **Not met: %s**; why is said below the tables.", strings.Join(bad, ", "))
	}
	b.WriteString("\n\n")
	fmt.Fprintf(&b, "| measure | median of %d | spread | target | |\n|---|---|---|---|---|\n", perfStarts)
	for i, term := range r.terms {
		ex := median(term.cpog)
		target, verdict := "", ""
		if i == 0 {
			target, verdict = "≤ "+ms(targetStartExisting), met(ex <= targetStartExisting)
		}
		fmt.Fprintf(&b, "| first full frame, existing database: %s | %s | %s | %s | %s |\n", term.name, ms(ex), spread(term.cpog), target, verdict)
		if len(term.less) == 0 {
			fmt.Fprintf(&b, "| `less` in the same terminal | not measured: less is not installed | | | |\n")
			continue
		}
		fmt.Fprintf(&b, "| `less -S` showing the `cpog indicators` list, same terminal | %s | %s | | |\n", ms(median(term.less)), spread(term.less))
		target, verdict = "", ""
		if i == 0 || strings.HasPrefix(term.name, "tmux") {
			target, verdict = fmt.Sprintf("≤ %.0f×", targetLessRatio), met(term.ratio() <= targetLessRatio)
		}
		fmt.Fprintf(&b, "| cpog ÷ less | %.1f× | | %s | %s |\n", term.ratio(), target, verdict)
	}
	fr, ver := median(r.firstRun), median(r.version)
	fmt.Fprintf(&b, "| first run to the Caf picker (creates the database, installs the referential), pty | %s | %s | ≤ %s | %s |\n", ms(fr), spread(r.firstRun), ms(targetStartFirstRun), met(fr <= targetStartFirstRun))
	fmt.Fprintf(&b, "| `cpog version` (process start, no database, no terminal) | %s | %s | ≤ %s | %s |\n", ms(ver), spread(r.version), ms(targetVersion), met(ver <= targetVersion))
	fmt.Fprintf(&b, "| `cpog caf` (process start, database opened, contract read) | %s | %s | | |\n", ms(median(r.caf)), spread(r.caf))
	fmt.Fprintf(&b, "| peak memory of a TUI session (VmHWM: peak resident set) | %s | one session | ≤ %s | %s |\n", mb(r.rss), mb(targetPeakRSS), met(r.rss <= targetPeakRSS))
	fmt.Fprintf(&b, "| release binary %s/%s (`-trimpath -ldflags \"-s -w\"`) | %s | %d bytes | ≤ %s | %s |\n", r.goos, r.goarch, mb(r.size), r.size, mb(targetBinarySize), met(r.size <= targetBinarySize))
	fmt.Fprintf(&b, "| inside one process: open the database / load referential and contract / render the first 120×40 frame | %s / %s / %s | | | |\n",
		ms(r.inproc.open), ms(r.inproc.load), ms(r.inproc.render))
	var tops []string
	for _, p := range r.inits.top {
		tops = append(tops, fmt.Sprintf("%s %s", p.pkg, ms(p.cost)))
	}
	fmt.Fprintf(&b, "| package initialisation at every start (`GODEBUG=inittrace=1`) | %s | costliest: %s | | |\n", ms(r.inits.total), strings.Join(tops, ", "))

	b.WriteString(r.breakdown())
	b.WriteString(r.notMet())
	for _, term := range r.terms {
		fmt.Fprintf(&b, "\nRaw samples (ms), %s: cpog %s", term.name, samples(term.cpog))
		if len(term.less) > 0 {
			fmt.Fprintf(&b, "; less %s", samples(term.less))
		}
		b.WriteString("\n")
	}
	fmt.Fprintf(&b, "\nRaw samples (ms), first run: %s\n", samples(r.firstRun))
	return b.String()
}

// breakdown is where a start goes in each terminal: when each step of
// cpog's start-up trace was reached, from the start of the process.
func (r perfResult) breakdown() string {
	var b strings.Builder
	b.WriteString("\n### Where a start goes\n\nMedian time from the start of the process to each step, as cpog's start-up trace " +
		"(`CPOG_STARTUP_TRACE`, `cmd/cpog/startup_trace.go`) and the terminal saw them; the trace's clock is the wall clock, read " +
		"by the measure and by cpog.\n\n| step |")
	for _, term := range r.terms {
		fmt.Fprintf(&b, " %s |", strings.SplitN(term.name, " (", 2)[0])
	}
	b.WriteString("\n|---|")
	for range r.terms {
		b.WriteString("---|")
	}
	b.WriteString("\n")
	row := func(label string, get func(terminalRun) []time.Duration) {
		fmt.Fprintf(&b, "| %s |", label)
		for _, term := range r.terms {
			if ds := get(term); len(ds) > 0 {
				fmt.Fprintf(&b, " %s |", ms(median(ds)))
			} else {
				b.WriteString(" — |")
			}
		}
		b.WriteString("\n")
	}
	for _, st := range traceSteps {
		row(st.label, func(term terminalRun) []time.Duration { return term.steps[st.name] })
	}
	row("first byte of output read by the terminal", func(term terminalRun) []time.Duration { return term.first })
	row("first full frame on the terminal's screen", func(term terminalRun) []time.Duration { return term.cpog })
	fmt.Fprintf(&b, "\nPackage initialisation, inside the first step: %s in all (`GODEBUG=inittrace=1`, median of %d runs of `cpog version`).\n",
		ms(r.inits.total), perfStarts)
	return b.String()
}

// notMet says, for each target missed, where the time or the bytes go,
// from the figures just measured.
func (r perfResult) notMet() string {
	var b strings.Builder
	pty := r.terms[0]
	ex, ver := median(pty.cpog), median(r.version)
	if ex > targetStartExisting {
		fmt.Fprintf(&b, "\n**First full frame in the pty: %s against %s, not met.** The steps above say where it goes: the "+
			"process start with its package initialisation (%s, the costliest being %s) comes before anything of cpog's "+
			"own; a process that only prints its version takes %s. The fastest of the %d starts took %s.\n",
			ms(ex), ms(targetStartExisting), ms(r.inits.total), topName(r.inits), ms(ver), perfStarts, ms(slices.Min(pty.cpog)))
	}
	for _, term := range r.terms {
		if len(term.less) == 0 || term.ratio() <= targetLessRatio {
			continue
		}
		goal := time.Duration(float64(median(term.less)) * targetLessRatio)
		fmt.Fprintf(&b, "\n**Within 2× of less, %s: %.1f×.** less is a small C program that reads a text file and draws it; "+
			"it shows the list in %s there, so the target asks cpog for a first frame within %s, ", term.name, term.ratio(), ms(median(term.less)), ms(goal))
		if main := median(term.steps["main"]); main > 0 {
			fmt.Fprintf(&b, "and cpog reaches its main function only after %s (the process start and the packages' initialisation).\n", ms(main))
		} else {
			b.WriteString("while cpog's process start alone takes " + ms(ver) + ".\n")
		}
	}
	if fr := median(r.firstRun); fr > targetStartFirstRun {
		fmt.Fprintf(&b, "\n**First run: %s against %s, not met.** The first run creates the file, migrates the schema and installs the referential "+
			"(55 indicators, their targets, the 101 Caf) in one transaction written with synchronous FULL: its fsyncs are the disk's time, "+
			"which on this shared machine varies widely (fastest start %s).\n", ms(fr), ms(targetStartFirstRun), ms(slices.Min(r.firstRun)))
	}
	if ver > targetVersion {
		fmt.Fprintf(&b, "\n**`cpog version`: %s against %s, not met.** The package initialisation alone takes %s (costliest %s); "+
			"the rest is the kernel starting a %s process and the Go runtime's start.\n", ms(ver), ms(targetVersion), ms(r.inits.total), topName(r.inits), mb(r.size))
	}
	if r.rss > targetPeakRSS {
		fmt.Fprintf(&b, "\n**Peak memory: %s against %s, not met.**\n", mb(r.rss), mb(targetPeakRSS))
	}
	if r.size > targetBinarySize {
		fmt.Fprintf(&b, "\n**Binary size: %s against %s, not met.**\n", mb(r.size), mb(targetBinarySize))
	}
	return b.String()
}

func topName(c initCost) string {
	if len(c.top) == 0 {
		return "unknown"
	}
	return fmt.Sprintf("%s (%s)", c.top[0].pkg, ms(c.top[0].cost))
}
