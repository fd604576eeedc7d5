import numpy as np, sys, json, check1
from check1 import *
def check_full(N,c,n):
    r=check1.check(N,c,n)
    return r
Ns=[int(x) for x in sys.argv[1].split(',')]
ns=list(range(1,301))+sorted(set(int(round(300*(5000/300)**(i/30))) for i in range(1,31)))
out=open(sys.argv[2],'w')
for N in Ns:
    for c in range(1,N):
        for n in ns:
            r=check1.check(N,c,n)
            out.write('%d %d %d %.6e %.10f %d %.8e\n'%(N,c,n,r['rho_min'],r['t_rho'],r['k_rho'],1-r['absratio']))
    out.flush()
