# Test Y_n <=_cx Y_{n+1} (exact finite check: difference of two piecewise-linear call functions,
# linear between consecutive points of the union of supports -> check at all support points).
import numpy as np, sys
from check1 import pmf_bb
def call(y,p,t):
    return np.maximum(y[None,:]-t[:,None],0)@p
def worst(N,c,n):
    a,b=2*c,2*(N-c)
    y1=(c+np.arange(n+1))/(N+n); p1=pmf_bb(n,a,b)
    y2=(c+np.arange(n+2))/(N+n+1); p2=pmf_bb(n+1,a,b)
    t=np.union1d(y1,y2)
    d=call(y2,p2,t)-call(y1,p1,t)
    sc=np.minimum(call(y2,p2,t), call(y2,p2,t)-(c/N-t))  # min(E(Y2-t)+,E(t-Y2)+)
    r=d/np.maximum(sc,1e-300)
    i=np.argmin(r); return r[i],t[i]
bad=0; mn=(9,None)
for N in range(2,31):
    for c in range(1,N):
        for n in range(0,201):
            r,t=worst(N,c,n)
            if r<mn[0]: mn=(r,(N,c,n,t))
            if r< -1e-9: bad+=1; print('VIOL',N,c,n,r,t)
print('min rel margin',mn,'violations',bad)
