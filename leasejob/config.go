package leasejob

import "github.com/hashicorp/nomad/plugins/shared/hclspec"

// TaskConfigSpec is the job's `config {}` for driver "shale" (docs/protocols.md, "Task
// config"): the driver decodes it into TaskConfig, and Job produces it from the same struct.
var TaskConfigSpec = hclspec.NewObject(map[string]*hclspec.Spec{
	"image":    hclspec.NewAttr("image", "string", true),
	"command":  hclspec.NewAttr("command", "string", false),
	"args":     hclspec.NewAttr("args", "list(string)", false),
	"work_dir": hclspec.NewAttr("work_dir", "string", false),
	// disk bounds the container's writable layer plus its local/ and alloc/ directories.
	"disk": hclspec.NewAttr("disk", "string", false),
	// Accepted only so that asking for them gets a clear refusal instead of "Unsupported argument".
	"privileged": hclspec.NewAttr("privileged", "bool", false),
	"volumes":    hclspec.NewAttr("volumes", "list(string)", false),
	"cap_add":    hclspec.NewAttr("cap_add", "list(string)", false),
	"lease": hclspec.NewBlock("lease", false, hclspec.NewObject(map[string]*hclspec.Spec{
		"id":         hclspec.NewAttr("id", "string", true),
		"ssh_keys":   hclspec.NewAttr("ssh_keys", "list(string)", true),
		"expires_at": hclspec.NewAttr("expires_at", "string", true),
		"bandwidth":  hclspec.NewAttr("bandwidth", "string", false),
		"expose": hclspec.NewBlockList("expose", hclspec.NewObject(map[string]*hclspec.Spec{
			"port":     hclspec.NewAttr("port", "string", true),
			"protocol": hclspec.NewAttr("protocol", "string", true),
			"public":   hclspec.NewAttr("public", "bool", false),
		})),
		"payment": hclspec.NewBlock("payment", true, hclspec.NewObject(map[string]*hclspec.Spec{
			"public_key": hclspec.NewAttr("public_key", "string", true),
			"price":      hclspec.NewAttr("price", "string", true),
			"escrow":     hclspec.NewAttr("escrow", "string", true),
			"prepay":     hclspec.NewAttr("prepay", "string", false),
			"grace":      hclspec.NewAttr("grace", "string", false),
		})),
	})),
	"mount": hclspec.NewBlockList("mount", hclspec.NewObject(map[string]*hclspec.Spec{
		"cid":        hclspec.NewAttr("cid", "string", false),
		"piece_cid":  hclspec.NewAttr("piece_cid", "string", false),
		"piece_size": hclspec.NewAttr("piece_size", "string", false),
		"path":       hclspec.NewAttr("path", "string", true),
	})),
})

// TaskConfig is the decoded job `config {}`. Its codec tags are the keys of TaskConfigSpec;
// Job writes the config map from them, so the two sides cannot spell a key differently.
type TaskConfig struct {
	Image      string        `codec:"image"`
	Command    string        `codec:"command"`
	Args       []string      `codec:"args"`
	WorkDir    string        `codec:"work_dir"`
	Disk       string        `codec:"disk"`
	Privileged bool          `codec:"privileged"`
	Volumes    []string      `codec:"volumes"`
	CapAdd     []string      `codec:"cap_add"`
	Lease      *LeaseConfig  `codec:"lease"`
	Mounts     []MountConfig `codec:"mount"`
}

// LeaseConfig ties the task to a marketplace lease; the gateway enforces it.
type LeaseConfig struct {
	ID        string         `codec:"id"`
	SSHKeys   []string       `codec:"ssh_keys"`
	ExpiresAt string         `codec:"expires_at"`
	Bandwidth string         `codec:"bandwidth"`
	Exposes   []ExposeConfig `codec:"expose"`
	Payment   *PaymentConfig `codec:"payment"`
}

// ExposeConfig is one container port the node's gateway serves (lease.Expose); the port is
// decimal text because the config encoder writes strings, bools and blocks only.
type ExposeConfig struct {
	Port     string `codec:"port"`
	Protocol string `codec:"protocol"`
	Public   bool   `codec:"public"`
}

// PaymentConfig is the lease's payment terms, exact integers in attoFIL.
type PaymentConfig struct {
	PublicKey string `codec:"public_key"`
	Price     string `codec:"price"`
	Escrow    string `codec:"escrow"`
	Prepay    string `codec:"prepay"`
	Grace     string `codec:"grace"`
}

// MountConfig asks for deal data at a path inside the container: by payload CID, by
// PieceCID (v2 alone, or v1 with its padded piece_size), or by both, when the piece's CAR
// must have the payload CID as its root.
type MountConfig struct {
	CID       string `codec:"cid"`
	PieceCID  string `codec:"piece_cid"`
	PieceSize string `codec:"piece_size"`
	Path      string `codec:"path"`
}
