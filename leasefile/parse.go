package leasefile

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclparse"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/shaleprotocol/shale/deals/piececid"
	"github.com/shaleprotocol/shale/lease"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
)

// Options tunes parsing. The zero value reads files and the environment of the process.
type Options struct {
	// Vars sets input variables, as "-var name=value" does; values are strings.
	Vars map[string]string
	// MaxDuration is the longest lease the provider accepts; 0 means no limit.
	MaxDuration time.Duration
	// Home replaces the home directory for "~/" in file(); "" means os.UserHomeDir.
	Home string
	// ReadFile replaces os.ReadFile for file(), e.g. to sandbox or fake files in tests.
	ReadFile func(path string) ([]byte, error)
	// LookupEnv replaces os.LookupEnv for env().
	LookupEnv func(name string) (string, bool)
}

// ParseFile reads and parses a lease file. See Parse.
func ParseFile(path string, opts Options) (lease.Spec, hcl.Diagnostics) {
	src, err := os.ReadFile(path)
	if err != nil {
		return lease.Spec{}, hcl.Diagnostics{{
			Severity: hcl.DiagError,
			Summary:  "Cannot read lease file",
			Detail:   err.Error(),
			Subject:  &hcl.Range{Filename: path, Start: hcl.InitialPos, End: hcl.InitialPos},
		}}
	}
	return Parse(path, src, opts)
}

// Parse reads the lease spec in src. The file holds exactly one `lease "name" {}` block
// and optionally `variable "name" { default = … }` and `locals {}` blocks. Every problem
// — syntax, unknown or missing attributes, bad values, lease validation rules — is
// returned at once as an error diagnostic whose Subject is the offending range. The Spec
// is only meaningful when there are no errors.
func Parse(filename string, src []byte, opts Options) (lease.Spec, hcl.Diagnostics) {
	file, diags := hclparse.NewParser().ParseHCL(src, filename)
	if diags.HasErrors() {
		return lease.Spec{}, diags
	}
	p := &parser{filename: filename, opts: opts, fileRange: fileStart(filename)}
	spec := p.parse(file.Body)
	diags = append(diags, p.diags...)
	sortDiagnostics(diags)
	return spec, diags
}

var rootSchema = &hcl.BodySchema{Blocks: []hcl.BlockHeaderSchema{
	{Type: "variable", LabelNames: []string{"name"}},
	{Type: "locals"},
	{Type: "lease", LabelNames: []string{"name"}},
}}

var variableSchema = &hcl.BodySchema{Attributes: []hcl.AttributeSchema{
	{Name: "default"}, {Name: "description"},
}}

var leaseSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{
		{Name: "provider", Required: true},
		{Name: "image", Required: true},
		{Name: "command"},
		{Name: "args"},
		{Name: "duration"},
		{Name: "bandwidth"},
		{Name: "ssh_keys", Required: true},
	},
	Blocks: []hcl.BlockHeaderSchema{{Type: "resources"}, {Type: "mount"}, {Type: "payment"}, {Type: "expose"}},
}

var resourcesSchema = &hcl.BodySchema{Attributes: []hcl.AttributeSchema{
	{Name: "cpus", Required: true},
	{Name: "memory", Required: true},
	{Name: "gpus"},
	{Name: "gpu_model"},
	{Name: "disk"},
}}

var mountSchema = &hcl.BodySchema{Attributes: []hcl.AttributeSchema{
	{Name: "cid"},
	{Name: "piece_cid"},
	{Name: "piece_size"},
	{Name: "path", Required: true},
}}

var paymentSchema = &hcl.BodySchema{Attributes: []hcl.AttributeSchema{
	{Name: "price", Required: true},
	{Name: "prepay"},
	{Name: "grace"},
}}

// parser accumulates diagnostics while decoding one file.
type parser struct {
	filename  string
	opts      Options
	fileRange hcl.Range
	ctx       *hcl.EvalContext
	diags     hcl.Diagnostics
}

func fileStart(filename string) hcl.Range {
	return hcl.Range{Filename: filename, Start: hcl.InitialPos, End: hcl.InitialPos}
}

func (p *parser) errorf(rng hcl.Range, summary, format string, args ...interface{}) {
	r := rng
	p.diags = append(p.diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: summary, Detail: fmt.Sprintf(format, args...), Subject: &r})
}

func (p *parser) parse(body hcl.Body) lease.Spec {
	content, diags := body.Content(rootSchema)
	p.diags = append(p.diags, diags...)
	p.ctx = &hcl.EvalContext{
		Variables: map[string]cty.Value{},
		Functions: functions(filepath.Dir(p.filename), p.opts),
	}
	var leases []*hcl.Block
	var locals []*hcl.Block
	var variables []*hcl.Block
	for _, b := range content.Blocks {
		switch b.Type {
		case "lease":
			leases = append(leases, b)
		case "locals":
			locals = append(locals, b)
		case "variable":
			variables = append(variables, b)
		}
	}
	p.variables(variables)
	p.locals(locals)
	switch len(leases) {
	case 0:
		p.errorf(body.MissingItemRange(), "Missing lease block", `A lease file needs one lease "name" { … } block.`)
		return lease.Spec{}
	case 1:
	default:
		for _, b := range leases[1:] {
			p.errorf(b.DefRange, "Duplicate lease block", "A lease file holds one lease; the first is at %s.", leases[0].DefRange)
		}
	}
	return p.lease(leases[0])
}

// variables evaluates variable blocks and -var values into var.<name>.
func (p *parser) variables(blocks []*hcl.Block) {
	vars := map[string]cty.Value{}
	declared := map[string]bool{}
	fnCtx := &hcl.EvalContext{Functions: p.ctx.Functions}
	for _, b := range blocks {
		name := b.Labels[0]
		if declared[name] {
			p.errorf(b.DefRange, "Duplicate variable", "Variable %q is declared twice.", name)
			continue
		}
		declared[name] = true
		if !hclsyntax.ValidIdentifier(name) {
			p.errorf(b.LabelRanges[0], "Invalid variable name", "%q is not a valid identifier.", name)
			continue
		}
		content, diags := b.Body.Content(variableSchema)
		p.diags = append(p.diags, diags...)
		if v, ok := p.opts.Vars[name]; ok {
			vars[name] = cty.StringVal(v)
			continue
		}
		def, ok := content.Attributes["default"]
		if !ok {
			p.errorf(b.DefRange, "No value for required variable", "Variable %q has no default; set it with -var %s=VALUE.", name, name)
			vars[name] = cty.DynamicVal
			continue
		}
		v, diags := def.Expr.Value(fnCtx)
		p.diags = append(p.diags, diags...)
		vars[name] = v
	}
	names := make([]string, 0, len(p.opts.Vars))
	for name := range p.opts.Vars {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		if !declared[name] {
			p.errorf(p.fileRange, "Value for undeclared variable", `-var %s was given but the file declares no variable %q; add variable %q {}.`, name, name, name)
		}
	}
	p.ctx.Variables["var"] = cty.ObjectVal(vars)
}

// locals evaluates locals blocks in source order into local.<name>; a local may use the
// ones defined before it.
func (p *parser) locals(blocks []*hcl.Block) {
	vals := map[string]cty.Value{}
	where := map[string]hcl.Range{}
	for _, b := range blocks {
		attrs, diags := b.Body.JustAttributes()
		p.diags = append(p.diags, diags...)
		for _, a := range sortedAttributes(attrs) {
			if first, dup := where[a.Name]; dup {
				p.errorf(a.NameRange, "Duplicate local value", "local.%s is already defined at %s.", a.Name, first)
				continue
			}
			where[a.Name] = a.NameRange
			p.ctx.Variables["local"] = cty.ObjectVal(vals)
			v, diags := a.Expr.Value(p.ctx)
			p.diags = append(p.diags, diags...)
			if diags.HasErrors() {
				v = cty.DynamicVal
			}
			vals[a.Name] = v
		}
	}
	p.ctx.Variables["local"] = cty.ObjectVal(vals)
}

// lease decodes the lease block and checks it, attaching every problem to the attribute
// that caused it.
func (p *parser) lease(b *hcl.Block) lease.Spec {
	content, diags := b.Body.Content(leaseSchema)
	p.diags = append(p.diags, diags...)
	a := content.Attributes
	spec := lease.Spec{Duration: lease.DefaultDuration, Prepay: lease.DefaultPrepay, Grace: lease.DefaultGrace}

	if v, ok := p.str(a["provider"]); ok {
		spec.Provider = v
		p.check(a["provider"], "Invalid provider", lease.ValidateProvider(v))
	}
	if v, ok := p.str(a["image"]); ok {
		spec.Image = v
		p.check(a["image"], "Invalid image", lease.ValidateImage(v))
	}
	if v, ok := p.str(a["command"]); ok {
		spec.Command = v
	}
	if v, ok := p.strs(a["args"]); ok && len(v) > 0 {
		spec.Args = v
		if spec.Command == "" && len(v) > 0 {
			p.errorf(a["args"].Expr.Range(), "Args without command", "args are passed to command; set command too.")
		}
	}
	if err := lease.ValidateCommand(spec.Command, spec.Args); err != nil {
		rng := b.DefRange
		if a["args"] != nil {
			rng = a["args"].Expr.Range()
		} else if a["command"] != nil {
			rng = a["command"].Expr.Range()
		}
		p.errorf(rng, "Invalid command", "%s", err)
	}
	if v, ok := p.str(a["duration"]); ok {
		d, err := lease.ParseDuration(v)
		if p.check(a["duration"], "Invalid duration", err) {
			spec.Duration = d
			rng := a["duration"].Expr.Range()
			if d <= 0 || d%time.Second != 0 {
				p.errorf(rng, "Invalid duration", "duration %s must be a positive whole number of seconds.", d)
			}
			p.checkDuration(rng, d)
			p.check(a["duration"], "Invalid duration", lease.ValidateLeaseDuration(d))
		}
	} else {
		p.checkDuration(b.DefRange, spec.Duration)
	}
	if v, ok := p.str(a["bandwidth"]); ok {
		bw, err := lease.ParseSize(v)
		if p.check(a["bandwidth"], "Invalid bandwidth", err) && p.check(a["bandwidth"], "Invalid bandwidth", lease.ValidateBandwidth(bw)) {
			spec.Bandwidth = bw
		}
	}
	p.sshKeys(a["ssh_keys"], &spec)

	blocks := map[string][]*hcl.Block{}
	for _, blk := range content.Blocks {
		blocks[blk.Type] = append(blocks[blk.Type], blk)
	}
	if p.single(b, blocks["resources"], "resources", "resources { cpus = 4  memory = \"12Gi\" }") {
		p.resources(blocks["resources"][0], &spec.Resources)
	}
	if p.single(b, blocks["payment"], "payment", "payment { price = \"0.01fil/min\" }") {
		p.payment(blocks["payment"][0], &spec)
	}
	p.mounts(blocks["mount"], &spec)
	p.exposes(b, blocks["expose"], &spec)

	if !p.diags.HasErrors() {
		// Every rule should have been checked above with a precise range; this catches any
		// rule added to lease.Spec.Validate later.
		if err := spec.Validate(); err != nil {
			p.errorf(b.DefRange, "Invalid lease", "%s", err)
		}
	}
	return spec
}

func (p *parser) checkDuration(rng hcl.Range, d time.Duration) {
	if p.opts.MaxDuration > 0 && d > p.opts.MaxDuration {
		p.errorf(rng, "Lease too long", "duration %s is over the provider's maximum of %s.", d, p.opts.MaxDuration)
	}
}

// single requires exactly one block of a kind.
func (p *parser) single(parent *hcl.Block, blocks []*hcl.Block, kind, example string) bool {
	switch len(blocks) {
	case 0:
		p.errorf(parent.DefRange, "Missing "+kind+" block", "A lease needs a %s block, e.g. %s.", kind, example)
		return false
	case 1:
		return true
	default:
		for _, b := range blocks[1:] {
			p.errorf(b.DefRange, "Duplicate "+kind+" block", "A lease has one %s block; the first is at %s.", kind, blocks[0].DefRange)
		}
		return true
	}
}

func (p *parser) resources(b *hcl.Block, r *lease.Resources) {
	content, diags := b.Body.Content(resourcesSchema)
	p.diags = append(p.diags, diags...)
	a := content.Attributes
	if v, ok := p.str(a["cpus"]); ok {
		c, err := lease.ParseCPUs(v)
		if p.check(a["cpus"], "Invalid cpus", err) && p.check(a["cpus"], "Invalid cpus", lease.ValidateCPU(c)) {
			r.CPU = c
		}
	}
	if v, ok := p.str(a["memory"]); ok {
		m, err := lease.ParseSize(v)
		if p.check(a["memory"], "Invalid memory", err) {
			r.Memory = m
			p.check(a["memory"], "Invalid memory", lease.ValidateMemory(m))
		}
	}
	if v, ok := p.str(a["gpus"]); ok {
		n, err := strconv.ParseUint(v, 10, 64)
		if err != nil {
			p.errorf(a["gpus"].Expr.Range(), "Invalid gpus", "gpus must be a whole number ≥ 0, got %s.", v)
		} else if p.check(a["gpus"], "Invalid gpus", lease.ValidateGPUs(n)) {
			r.GPUs = n
		}
	}
	if v, ok := p.str(a["gpu_model"]); ok {
		r.GPUModel = v
		p.check(a["gpu_model"], "Invalid gpu_model", lease.ValidateGPUModel(v))
		if r.GPUs == 0 {
			p.errorf(a["gpu_model"].Expr.Range(), "GPU model without GPUs", "gpu_model %q needs gpus ≥ 1.", v)
		}
	}
	if v, ok := p.str(a["disk"]); ok {
		d, err := lease.ParseSize(v)
		if p.check(a["disk"], "Invalid disk", err) && p.check(a["disk"], "Invalid disk", lease.ValidateDisk(d)) {
			r.Disk = d
		}
	}
}

func (p *parser) payment(b *hcl.Block, s *lease.Spec) {
	content, diags := b.Body.Content(paymentSchema)
	p.diags = append(p.diags, diags...)
	a := content.Attributes
	if v, ok := p.str(a["price"]); ok {
		price, err := lease.ParsePrice(v)
		if p.check(a["price"], "Invalid price", err) {
			s.Price = price
		}
	}
	for _, f := range []struct {
		name string
		dst  *time.Duration
	}{{"prepay", &s.Prepay}, {"grace", &s.Grace}} {
		v, ok := p.str(a[f.name])
		if !ok {
			continue
		}
		d, err := lease.ParseDuration(v)
		if !p.check(a[f.name], "Invalid "+f.name, err) {
			continue
		}
		*f.dst = d
		if d%time.Second != 0 {
			p.errorf(a[f.name].Expr.Range(), "Invalid "+f.name, "%s %s is not a whole number of seconds.", f.name, d)
		}
		p.check(a[f.name], "Invalid "+f.name, lease.ValidateLeaseDuration(d))
	}
	if s.Prepay > s.Duration && a["prepay"] != nil {
		p.errorf(a["prepay"].Expr.Range(), "Invalid prepay", "prepay %s is longer than the lease duration %s.", s.Prepay, s.Duration)
	}
}

func (p *parser) mounts(blocks []*hcl.Block, s *lease.Spec) {
	seen := map[string]hcl.Range{}
	for _, b := range blocks {
		content, diags := b.Body.Content(mountSchema)
		p.diags = append(p.diags, diags...)
		a := content.Attributes
		var m lease.Mount
		if a["cid"] == nil && a["piece_cid"] == nil {
			p.errorf(b.DefRange, "Missing deal data name", "A mount names its data by cid (a payload CID), piece_cid (a PieceCID, v1 with piece_size or v2), or both.")
		}
		if v, ok := p.str(a["cid"]); ok {
			c, err := lease.ParsePayloadCID(v)
			if p.check(a["cid"], "Invalid CID", err) {
				m.CID = c
			}
		}
		p.piece(a, &m)
		if v, ok := p.str(a["path"]); ok {
			m.Path = v
			rng := a["path"].Expr.Range()
			if p.check(a["path"], "Invalid mount path", lease.ValidateMountPath(v)) {
				if first, dup := seen[v]; dup {
					p.errorf(rng, "Duplicate mount path", "%q is already mounted at %s.", v, first)
				}
				seen[v] = rng
			}
		}
		s.Mounts = append(s.Mounts, m)
	}
}

// piece reads a mount's piece_cid and piece_size; a size's error points at the size, a
// CID's (including a v1 CID without a size, or a v2 one whose size disagrees) at the CID.
func (p *parser) piece(a hcl.Attributes, m *lease.Mount) {
	sizeOK := true
	if v, ok := p.str(a["piece_size"]); ok {
		n, err := lease.ParseSize(v)
		if sizeOK = p.check(a["piece_size"], "Invalid piece size", err); sizeOK {
			m.PieceSize = n
		}
		if a["piece_cid"] == nil {
			p.errorf(a["piece_size"].Expr.Range(), "Invalid piece size", "piece_size goes with piece_cid, the PieceCID whose padded size it is.")
		}
	}
	if v, ok := p.str(a["piece_cid"]); ok && sizeOK {
		c, err := lease.ParsePieceCID(v, m.PieceSize)
		at, summary := a["piece_cid"], "Invalid PieceCID"
		if errors.Is(err, piececid.ErrPieceSize) && a["piece_size"] != nil {
			at, summary = a["piece_size"], "Invalid piece size"
		}
		if p.check(at, summary, err) {
			m.PieceCID = c
		}
	}
}

// sshKeys reads ssh_keys: a list of authorized_keys lines. An element may hold several
// lines (file() of an authorized_keys file); blank and comment lines are dropped.
func (p *parser) sshKeys(attr *hcl.Attribute, s *lease.Spec) {
	vals, ok := p.strs(attr)
	if !ok {
		return
	}
	var elems []hcl.Expression
	if tuple, isTuple := attr.Expr.(*hclsyntax.TupleConsExpr); isTuple && len(tuple.Exprs) == len(vals) {
		for _, e := range tuple.Exprs {
			elems = append(elems, e)
		}
	}
	for i, v := range vals {
		rng := attr.Expr.Range()
		if elems != nil {
			rng = elems[i].Range()
		}
		n := 0
		for _, line := range strings.Split(v, "\n") {
			line = strings.TrimSpace(line)
			if line == "" || strings.HasPrefix(line, "#") {
				continue
			}
			n++
			if _, err := lease.ParseSSHKey(line); err != nil {
				p.errorf(rng, "Invalid SSH key", "%s", err)
				continue
			}
			s.SSHKeys = append(s.SSHKeys, line)
		}
		if n == 0 {
			p.errorf(rng, "Invalid SSH key", "empty SSH public key")
		}
	}
	if len(vals) == 0 {
		p.errorf(attr.Expr.Range(), "Invalid SSH key", "at least one SSH public key is required to log in")
	}
}

// check records err against attr and reports whether there was none.
func (p *parser) check(attr *hcl.Attribute, summary string, err error) bool {
	if err == nil {
		return true
	}
	p.errorf(attr.Expr.Range(), summary, "%s", err)
	return false
}

// value evaluates an attribute; ok is false when it is absent, null or failed (the failure
// is recorded).
func (p *parser) value(attr *hcl.Attribute, ty cty.Type) (cty.Value, bool) {
	if attr == nil {
		return cty.NilVal, false
	}
	v, diags := attr.Expr.Value(p.ctx)
	p.diags = append(p.diags, diags...)
	if diags.HasErrors() || v.IsNull() {
		return cty.NilVal, false
	}
	if !v.IsWhollyKnown() {
		return cty.NilVal, false // depends on a value that already failed
	}
	// Numbers become their exact decimal text when converted to strings; bound exponents
	// first, or 1e100000000 would be written out as a hundred million digits.
	huge := false
	_ = cty.Walk(v, func(_ cty.Path, e cty.Value) (bool, error) {
		if e.Type() == cty.Number && e.IsKnown() && !e.IsNull() {
			if f := e.AsBigFloat(); f.Sign() != 0 {
				if exp := f.MantExp(nil); exp > 512 || exp < -512 {
					huge = true
				}
			}
		}
		return !huge, nil
	})
	if huge {
		p.errorf(attr.Expr.Range(), "Number out of range", "%s holds a number that is too large or too small.", attr.Name)
		return cty.NilVal, false
	}
	c, err := convert.Convert(v, ty)
	if err != nil {
		p.errorf(attr.Expr.Range(), "Incorrect attribute value type", "%s must be %s: %s.", attr.Name, ty.FriendlyName(), err)
		return cty.NilVal, false
	}
	return c, true
}

// str evaluates a string attribute; numbers are accepted and read in their exact decimal
// form, so `cpus = 4` and `cpus = "4"` mean the same.
func (p *parser) str(attr *hcl.Attribute) (string, bool) {
	v, ok := p.value(attr, cty.String)
	if !ok {
		return "", false
	}
	return v.AsString(), true
}

func (p *parser) strs(attr *hcl.Attribute) ([]string, bool) {
	v, ok := p.value(attr, cty.List(cty.String))
	if !ok {
		return nil, false
	}
	var out []string
	for it := v.ElementIterator(); it.Next(); {
		_, e := it.Element()
		if e.IsNull() {
			p.errorf(attr.Expr.Range(), "Invalid value", "%s must not contain null.", attr.Name)
			continue
		}
		out = append(out, e.AsString())
	}
	return out, true
}

func sortedAttributes(attrs hcl.Attributes) []*hcl.Attribute {
	out := make([]*hcl.Attribute, 0, len(attrs))
	for _, a := range attrs {
		out = append(out, a)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Range.Start.Byte < out[j].Range.Start.Byte })
	return out
}
