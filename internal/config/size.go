package config

import (
	"fmt"
	"strconv"
	"strings"
)

// ByteSize is a number of bytes, written in TOML as an integer or a string
// such as "100MB" (KB, MB and GB are powers of 1024).
type ByteSize int64

// UnmarshalTOML reads an integer or a size string.
func (b *ByteSize) UnmarshalTOML(v any) error {
	switch v := v.(type) {
	case int64:
		*b = ByteSize(v)
		return nil
	case string:
		n, err := ParseSize(v)
		if err != nil {
			return err
		}
		*b = ByteSize(n)
		return nil
	}
	return fmt.Errorf("%v: want a size such as \"100MB\" or a number of bytes", v)
}

// MarshalText writes the size in the largest whole unit.
func (b ByteSize) MarshalText() ([]byte, error) {
	n := int64(b)
	for _, u := range []struct {
		name string
		mult int64
	}{{"GB", 1 << 30}, {"MB", 1 << 20}, {"KB", 1 << 10}} {
		if n != 0 && n%u.mult == 0 {
			return []byte(strconv.FormatInt(n/u.mult, 10) + u.name), nil
		}
	}
	return []byte(strconv.FormatInt(n, 10)), nil
}

// ParseSize reads "100MB", "512 KB", "1GB", "1.5MB" or a number of bytes.
func ParseSize(s string) (int64, error) {
	t := strings.ToUpper(strings.TrimSpace(s))
	mult := int64(1)
	for _, u := range []struct {
		suffix string
		mult   int64
	}{{"GB", 1 << 30}, {"MB", 1 << 20}, {"KB", 1 << 10}, {"G", 1 << 30}, {"M", 1 << 20}, {"K", 1 << 10}, {"B", 1}} {
		if strings.HasSuffix(t, u.suffix) {
			t, mult = strings.TrimSpace(strings.TrimSuffix(t, u.suffix)), u.mult
			break
		}
	}
	f, err := strconv.ParseFloat(t, 64)
	if err != nil || f <= 0 || f*float64(mult) > 1<<50 {
		return 0, fmt.Errorf("%q: want a size such as \"100MB\"", s)
	}
	return int64(f * float64(mult)), nil
}
