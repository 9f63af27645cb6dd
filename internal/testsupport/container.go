package testsupport

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/docker/docker/api/types"
	"github.com/docker/docker/api/types/container"
	"github.com/docker/docker/client"
)

// StartIdleContainer creates and starts a container of image that idles (`sleep infinity`)
// on the default bridge network, labelled as a test container, and removes it at cleanup.
// mods adjust the host config (mounts, network mode) before creation.
func StartIdleContainer(t testing.TB, dc client.APIClient, image string, mods ...func(*container.HostConfig)) string {
	t.Helper()
	return StartContainer(t, dc, image, []string{"sleep", "infinity"}, mods...)
}

// StartContainer is StartIdleContainer running cmd; it returns once the container has started.
func StartContainer(t testing.TB, dc client.APIClient, image string, cmd []string, mods ...func(*container.HostConfig)) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	hc := &container.HostConfig{}
	for _, m := range mods {
		m(hc)
	}
	created, err := dc.ContainerCreate(ctx, &container.Config{
		Image:  image,
		Cmd:    cmd,
		Labels: map[string]string{"io.shale.test": t.Name()},
	}, hc, nil, nil, "")
	if err != nil {
		t.Fatalf("create %s container: %v", image, err)
	}
	t.Cleanup(func() {
		_ = dc.ContainerRemove(context.Background(), created.ID, types.ContainerRemoveOptions{Force: true})
	})
	if err := dc.ContainerStart(ctx, created.ID, types.ContainerStartOptions{}); err != nil {
		t.Fatalf("start %s container: %v", image, err)
	}
	Eventually(t, 30*time.Second, "container running", func() error {
		info, err := dc.ContainerInspect(ctx, created.ID)
		if err != nil {
			return err
		}
		// A short command may have run and exited already: started is enough.
		if info.State == nil || (!info.State.Running && strings.HasPrefix(info.State.StartedAt, "0001-")) {
			return fmt.Errorf("state %+v", info.State)
		}
		return nil
	})
	return created.ID
}
