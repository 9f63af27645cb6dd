package driver

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"

	"github.com/distribution/reference"
	"github.com/docker/docker/api/types"
	"github.com/docker/docker/client"
	"github.com/hashicorp/nomad/plugins/drivers"
)

// ErrImageNotAllowed and ErrImageUnavailable let callers tell policy from availability.
var (
	ErrImageNotAllowed  = errors.New("image not allowed")
	ErrImageUnavailable = errors.New("image unavailable")
)

// imageAllowed matches the normalized reference (e.g. docker.io/library/debian:bookworm) and
// the familiar form (debian:bookworm) against the operator's glob patterns.
func imageAllowed(allow []string, image string) error {
	if len(allow) == 0 {
		return nil
	}
	named, err := reference.ParseNormalizedNamed(image)
	if err != nil {
		return fmt.Errorf("%w: %q is not a valid image reference: %v", ErrImageNotAllowed, image, err)
	}
	named = reference.TagNameOnly(named)
	candidates := []string{named.String(), reference.FamiliarString(named)}
	for _, pat := range allow {
		for _, c := range candidates {
			if ok, _ := path.Match(pat, c); ok {
				return nil
			}
		}
	}
	return fmt.Errorf("%w: image %q matches none of this node's image.allow patterns (%s)",
		ErrImageNotAllowed, image, strings.Join(allow, ", "))
}

// ensureImage makes the image present locally, pulling only when the node allows it.
func (d *Driver) ensureImage(ctx context.Context, dc *client.Client, pc *Config, task *drivers.TaskConfig, image string) error {
	if err := imageAllowed(pc.Image.Allow, image); err != nil {
		return err
	}
	if _, _, err := dc.ImageInspectWithRaw(ctx, image); err == nil {
		return nil
	} else if !client.IsErrNotFound(err) {
		return fmt.Errorf("inspect image %s: %w", image, err)
	}
	if !pc.Image.Pull {
		return fmt.Errorf("%w: image %q is not present on this node and pulling is disabled (plugin config image.pull = false)", ErrImageUnavailable, image)
	}
	d.emit(task, fmt.Sprintf("Pulling image %s", image), map[string]string{"image": image})
	pctx, cancel := context.WithTimeout(ctx, pc.pullTimeout)
	defer cancel()
	rc, err := dc.ImagePull(pctx, image, types.ImagePullOptions{})
	if err == nil {
		_, err = io.Copy(io.Discard, rc)
		rc.Close()
	}
	if err != nil {
		if pctx.Err() == context.DeadlineExceeded {
			return fmt.Errorf("%w: pull image %q: timed out after %s", ErrImageUnavailable, image, pc.pullTimeout)
		}
		return fmt.Errorf("%w: pull image %q: %v", ErrImageUnavailable, image, err)
	}
	if _, _, err := dc.ImageInspectWithRaw(ctx, image); err != nil {
		return fmt.Errorf("%w: image %q still missing after pull: %v", ErrImageUnavailable, image, err)
	}
	return nil
}

func containsAny(s string, subs ...string) bool {
	for _, sub := range subs {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}
