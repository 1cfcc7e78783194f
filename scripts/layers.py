#!/usr/bin/env python3
"""The core's layering gate: import cycles among the top-level modules of src/ and imports that point up a
layer (ARCHITECTURE.md), read from `crate::` paths outside comments and test modules. Prints each and exits
1 if there is any; `-v` also prints every module's imports with their counts."""
import re,os,collections,sys
deps=collections.defaultdict(lambda: collections.defaultdict(list))
os.chdir(os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
for root,_,files in os.walk('src'):
    for f in files:
        if not f.endswith('.rs'): continue
        p=os.path.join(root,f)
        rel=os.path.relpath(p,'src')
        top=rel.split('/')[0].replace('.rs','')
        if top=='lib': continue
        txt=open(p).read().split('#[cfg(test)]')[0]
        for ln,line in enumerate(txt.split('\n'),1):
            l=line.strip()
            if l.startswith('//'): continue
            for m in re.finditer(r'crate::(\w+)',l):
                t=m.group(1)
                if t!=top and (os.path.exists(f'src/{t}.rs') or os.path.isdir(f'src/{t}')):
                    deps[top][t].append(f'{rel}:{ln}')
mods=sorted(set(deps)|{d for v in deps.values() for d in v})
idx={};low={};st=[];on=set();sccs=[];c=[0]
sys.setrecursionlimit(10000)
def sc(v):
    idx[v]=low[v]=c[0];c[0]+=1;st.append(v);on.add(v)
    for w in deps[v]:
        if w not in idx: sc(w); low[v]=min(low[v],low[w])
        elif w in on: low[v]=min(low[v],idx[w])
    if low[v]==idx[v]:
        comp=[]
        while True:
            w=st.pop();on.discard(w);comp.append(w)
            if w==v:break
        sccs.append(comp)
for m in mods:
    if m not in idx: sc(m)
for s in sccs:
    if len(s)>1: print('CYCLE',len(s),sorted(s))
if '-v' in sys.argv[1:]:
    for m in mods: print(m,'->',{k:len(v) for k,v in sorted(deps[m].items())})

# The layers of ARCHITECTURE.md, bottom up. A module missing here is an error: place it.
LAYERS = [
    ["error", "json", "money", "time", "stats", "reason", "sort"],
    ["account", "policy", "portfolio"],
    ["dpd", "promise", "limitation", "validation", "dispute", "standing", "arrange", "score", "experiment",
     "learn", "kpi", "queue", "template", "schedule", "escalate"],
    ["engine"],
    ["decision"],
    ["ops", "reply"],
    ["api"],
    ["bindings"],
]
layer = {m: i for i, ms in enumerate(LAYERS) for m in ms}
bad = 0
for s_ in sccs:
    if len(s_) > 1:
        bad += 1
for m in mods:
    if m not in layer:
        print(f"module `{m}` is in no layer: add it to LAYERS in scripts/layers.py and to ARCHITECTURE.md")
        bad += 1
for a in mods:
    for b, locs in sorted(deps[a].items()):
        if layer.get(b, -1) > layer.get(a, -1):
            print(f"upward import {a} -> {b}: {', '.join(locs[:3])}")
            bad += 1
sys.exit(1 if bad else 0)
