package main

import (
	"encoding/json"
	"os"
	"sort"
	"sync"
	"time"
)

// Structured logs: one JSON object per line on stderr, as every edgenet daemon writes them
// (time, level, component, msg, then the fields). Fields are data only; nothing secret is passed in.
type logger struct {
	mu        sync.Mutex
	component string
}

func (l *logger) log(level, message string, fields map[string]any) {
	var line jsonObject
	line.add("time", time.Now().UTC().Format("2006-01-02T15:04:05.000Z"))
	line.add("level", level)
	line.add("component", l.component)
	line.add("msg", message)
	for _, key := range sortedKeys(fields) {
		line.add(key, fields[key])
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	_, _ = os.Stderr.Write(append(line.close(), '\n'))
}

// jsonObject builds one JSON object with its keys in the order added.
type jsonObject struct{ buf []byte }

func (b *jsonObject) add(key string, value any) {
	if len(b.buf) == 0 {
		b.buf = append(b.buf, '{')
	} else {
		b.buf = append(b.buf, ',')
	}
	k, _ := json.Marshal(key)
	v, err := json.Marshal(value)
	if err != nil {
		v, _ = json.Marshal(err.Error())
	}
	b.buf = append(append(append(b.buf, k...), ':'), v...)
}

func (b *jsonObject) close() []byte { return append(b.buf, '}') }

func sortedKeys(fields map[string]any) []string {
	keys := make([]string, 0, len(fields))
	for key := range fields {
		keys = append(keys, key)
	}
	sort.Strings(keys)
	return keys
}
