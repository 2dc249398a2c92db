package crossreg

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/statusreg/statusreg/internal/registries"
)

// dirOf returns the directory, relative to the module root, of the
// registry package named pkg ("turms/turms20240714" for turms20240714),
// from the import path of its code type; pkg itself for a package no
// registry of the list names.
func dirOf(pkg string) string {
	for i := range registries.All {
		if r := &registries.All[i]; r.Package == pkg && !r.Foreign {
			return strings.TrimPrefix(reflect.TypeOf(r.Value(0)).PkgPath(), module+"/")
		}
	}
	return pkg
}

// constant is a constant a registry package declares, read from its
// source: what users type, and what its doc comment says.
type constant struct {
	name  string
	typ   string // the declared type's name; "" for an untyped constant
	value int64
	doc   string
}

// constants reads the integer constants of the registry package pkg
// (see dirOf) from its non-test source files. Values are evaluated
// for the forms the registries use: integer literals, iota, and sums,
// differences and negations of those.
func constants(t *testing.T, pkg string) []constant {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("..", "..", dirOf(pkg), "*.go"))
	require.NoError(t, err)
	fset := token.NewFileSet()
	var cs []constant
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, parser.ParseComments)
		require.NoError(t, err)
		for _, decl := range f.Decls {
			gd, ok := decl.(*ast.GenDecl)
			if !ok || gd.Tok != token.CONST {
				continue
			}
			var typ string
			var values []ast.Expr
			for iota, spec := range gd.Specs {
				vs := spec.(*ast.ValueSpec)
				switch {
				case vs.Type != nil:
					typ, values = typeName(vs.Type), vs.Values
				case len(vs.Values) > 0:
					typ, values = "", vs.Values
				}
				for i, id := range vs.Names {
					if i >= len(values) {
						continue
					}
					v, ok := eval(values[i], int64(iota))
					if !ok {
						continue
					}
					doc := vs.Doc.Text()
					if vs.Comment != nil {
						doc += vs.Comment.Text()
					}
					cs = append(cs, constant{name: id.Name, typ: typ, value: v, doc: doc})
				}
			}
		}
	}
	require.NotEmpty(t, cs, "constants of %s", pkg)
	return cs
}

func typeName(e ast.Expr) string {
	if id, ok := e.(*ast.Ident); ok {
		return id.Name
	}
	return ""
}

// eval evaluates e, an integer constant expression that may use iota.
func eval(e ast.Expr, iota int64) (int64, bool) {
	switch e := e.(type) {
	case *ast.BasicLit:
		if e.Kind != token.INT {
			return 0, false
		}
		v, err := strconv.ParseInt(e.Value, 0, 64)
		return v, err == nil
	case *ast.Ident:
		return iota, e.Name == "iota"
	case *ast.ParenExpr:
		return eval(e.X, iota)
	case *ast.UnaryExpr:
		v, ok := eval(e.X, iota)
		return -v, ok && e.Op == token.SUB
	case *ast.BinaryExpr:
		x, okx := eval(e.X, iota)
		y, oky := eval(e.Y, iota)
		switch {
		case !okx || !oky:
			return 0, false
		case e.Op == token.ADD:
			return x + y, true
		case e.Op == token.SUB:
			return x - y, true
		}
	}
	return 0, false
}

// constantsOf returns the constants of type typ among cs, by value.
func constantsOf(cs []constant, typ string) map[int64][]constant {
	m := make(map[int64][]constant)
	for _, c := range cs {
		if c.typ == typ {
			m[c.value] = append(m[c.value], c)
		}
	}
	return m
}
