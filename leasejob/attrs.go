package leasejob

// Node attributes the shale driver fingerprints, as they appear in a Nomad node's
// Attributes; constraints name them through Target.
const (
	// AttrDriver is true on a node whose shale driver is detected.
	AttrDriver = "driver.shale"
	// AttrVersion is the driver's version.
	AttrVersion = "driver.shale.version"
	// AttrDockerVersion is the version of the Docker engine the driver runs leases on.
	AttrDockerVersion = "driver.shale.docker.version"
	// AttrGPURuntime is true when the node's Docker has the GPU runtime leases need.
	AttrGPURuntime = "driver.shale.gpu_runtime"
	// AttrImagePull is true when the node pulls images it does not hold.
	AttrImagePull = "driver.shale.image_pull"
	// AttrGatewayEndpoint is the host:port clients reach the node's SSH gateway at.
	AttrGatewayEndpoint = "driver.shale.gateway.endpoint"
	// AttrGatewayHostKey is the SHA256 fingerprint of the gateway's host key.
	AttrGatewayHostKey = "driver.shale.gateway.host_key"
	// DatasetAttrPrefix starts the attribute of each dataset the node holds; see DatasetAttr.
	DatasetAttrPrefix = "driver.shale.dataset."
	// PieceAttrPrefix starts the attribute of each piece the node holds; see PieceAttr.
	PieceAttrPrefix = "driver.shale.piece."
)

// DatasetAttr is the attribute that is "true" on a node holding the payload CID or v2
// PieceCID cid.
func DatasetAttr(cid string) string { return DatasetAttrPrefix + cid }

// PieceAttr is the attribute of a piece the node holds: "true" under its v2 PieceCID, the
// padded piece size in bytes under its v1 PieceCID (a v1 CID does not carry the size).
func PieceAttr(pieceCID string) string { return PieceAttrPrefix + pieceCID }

// Target is how a job constraint refers to the node attribute attr.
func Target(attr string) string { return "${attr." + attr + "}" }
