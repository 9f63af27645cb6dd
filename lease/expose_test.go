package lease

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"
)

func TestParseExpose(t *testing.T) {
	tests := []struct {
		in      string
		want    Expose
		wantErr string
	}{
		{"8888/http", Expose{Port: 8888, Protocol: "http"}, ""},
		{"8888", Expose{Port: 8888, Protocol: "http"}, ""},
		{"5432/tcp", Expose{Port: 5432, Protocol: "tcp"}, ""},
		{"8080/http,public", Expose{Port: 8080, Protocol: "http", Public: true}, ""},
		{"65535/tcp", Expose{Port: 65535, Protocol: "tcp"}, ""},
		{"0/http", Expose{}, "port 0 is not between 1 and 65535"},
		{"65536/http", Expose{}, "port 65536 is not between 1 and 65535"},
		{"99999999999999999999/http", Expose{}, `port "99999999999999999999" is not a number`},
		{"-1/http", Expose{}, `port "-1" is not a number`},
		{"08888/http", Expose{}, `port "08888" is not a number`},
		{"/http", Expose{}, `port "" is not a number`},
		{"8888/udp", Expose{}, `protocol "udp" is not supported: use "http" or "tcp"`},
		{"8888/HTTP", Expose{}, `protocol "HTTP" is not supported`},
		{"8888/http,private", Expose{}, `unknown option "private"`},
		{"8888/http,public,x", Expose{}, `unknown option "public,x"`},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseExpose(tt.in)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) || !errors.Is(err, ErrInvalidExpose) {
					t.Fatalf("ParseExpose(%q) = %v, %v; want ErrInvalidExpose containing %q", tt.in, got, err, tt.wantErr)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Fatalf("ParseExpose(%q) = %+v, %v; want %+v", tt.in, got, err, tt.want)
			}
			if again, err := ParseExpose(got.String()); err != nil || again != got {
				t.Fatalf("String() %q does not parse back: %+v, %v", got.String(), again, err)
			}
		})
	}
}

func TestSpecValidateExposes(t *testing.T) {
	many := make([]Expose, MaxExposes+1)
	for i := range many {
		many[i] = Expose{Port: uint16(8000 + i), Protocol: "http"}
	}
	tests := []struct {
		name    string
		exposes []Expose
		want    []string
	}{
		{"none", nil, nil},
		{"http and tcp", []Expose{{Port: 8888, Protocol: "http"}, {Port: 5432, Protocol: "tcp", Public: true}}, nil},
		{"at the bound", many[:MaxExposes], nil},
		{"over the bound", many, []string{fmt.Sprintf("invalid lease spec: expose: out of range: %d exposed ports, at most %d are allowed", MaxExposes+1, MaxExposes)}},
		{"port zero", []Expose{{Port: 0, Protocol: "http"}}, []string{"invalid lease spec: expose: expose[0]: out of range: port 0 is not between 1 and 65535"}},
		{"bad protocol", []Expose{{Port: 80, Protocol: "udp"}}, []string{`invalid lease spec: expose: expose[0]: protocol "udp" is not supported: use "http" or "tcp"`}},
		{"duplicate port", []Expose{{Port: 80, Protocol: "http"}, {Port: 80, Protocol: "tcp"}}, []string{"invalid lease spec: expose: expose[1]: port 80 is already exposed by expose[0]"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := validSpec(t)
			s.Exposes = tt.exposes
			err := s.Validate()
			if len(tt.want) == 0 {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if err == nil || !errors.Is(err, ErrInvalidSpec) {
				t.Fatalf("Validate() = %v, want ErrInvalidSpec", err)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
		})
	}
}

func TestExposesEncodeRoundTrip(t *testing.T) {
	s := validSpec(t)
	plain, err := EncodeSpec(s)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(plain, []byte("exposes")) {
		t.Fatalf("a spec without exposures must keep its old bytes: %s", plain)
	}
	s.Exposes = []Expose{{Port: 8888, Protocol: "http"}, {Port: 5432, Protocol: "tcp", Public: true}}
	b, err := EncodeSpec(s)
	if err != nil {
		t.Fatal(err)
	}
	want := `"exposes":[{"port":8888,"protocol":"http","public":false},{"port":5432,"protocol":"tcp","public":true}]`
	if !bytes.Contains(b, []byte(want)) {
		t.Fatalf("encoding %s lacks %s", b, want)
	}
	got, err := DecodeSpec(b)
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(got.Exposes) != fmt.Sprint(s.Exposes) {
		t.Fatalf("decoded %v, want %v", got.Exposes, s.Exposes)
	}
}

func TestExposesDecodeRejectsNonCanonical(t *testing.T) {
	s := validSpec(t)
	b, err := EncodeSpec(s)
	if err != nil {
		t.Fatal(err)
	}
	for name, edit := range map[string]func([]byte) []byte{
		"empty list": func(b []byte) []byte { return bytes.Replace(b, []byte(`"grace"`), []byte(`"exposes":[],"grace"`), 1) },
		"unknown field": func(b []byte) []byte {
			return bytes.Replace(b, []byte(`"grace"`), []byte(`"exposes":[{"port":1,"protocol":"http","public":false,"x":1}],"grace"`), 1)
		},
		"port overflow": func(b []byte) []byte {
			return bytes.Replace(b, []byte(`"grace"`), []byte(`"exposes":[{"port":65536,"protocol":"http","public":false}],"grace"`), 1)
		},
	} {
		t.Run(name, func(t *testing.T) {
			if _, err := DecodeSpec(edit(b)); !errors.Is(err, ErrInvalidOrder) {
				t.Fatalf("DecodeSpec = %v, want ErrInvalidOrder", err)
			}
		})
	}
}
