# High-precision re-evaluation of D(t*) on every piece; compares with double-precision check1.
import mpmath as mp, numpy as np, sys, check1
mp.mp.dps=40
def mp_rho(N,c,n,ts):
    a,b=mp.mpf(2*c),mp.mpf(2*(N-c)); mu=mp.mpf(c)/N; h=mp.mpf(1)/(N+n)
    lB=mp.log(mp.beta(a,b))
    p=[mp.binomial(n,k)*mp.beta(k+a,n-k+b)/mp.beta(a,b) for k in range(n+1)]
    y=[(c+k)*h for k in range(n+1)]
    out=[]
    for k in range(n):
        t=mp.mpf(float(ts[k]))
        if t>=mu:
            EY=mp.fsum(p[j]*(y[j]-t) for j in range(k+1,n+1))
            EX=mu*mp.betainc(b,a+1,0,1-t,regularized=True)-t*mp.betainc(b,a,0,1-t,regularized=True)
        else:
            EY=mp.fsum(p[j]*(t-y[j]) for j in range(0,k+1))
            EX=t*mp.betainc(a,b,0,t,regularized=True)-mu*mp.betainc(a+1,b,0,t,regularized=True)
        out.append((EX-EY)/EX)
    return out
def tstar(N,c,n):
    # replicate check1's minimisers
    from scipy.special import betaincinv
    a,b=2.0*c,2.0*(N-c); h=1.0/(N+n); p=check1.pmf_bb(n,a,b)
    F=np.cumsum(p); S=np.cumsum(p[::-1])[::-1]; Sgt=np.append(S[1:],0.0)
    k=np.arange(n); Fk=F[:n]; Sk=Sgt[:n]
    ts=np.where(Fk<=0.5, betaincinv(a,b,Fk), 1.0-betaincinv(b,a,np.maximum(Sk,1e-300)))
    return np.clip(ts,(c+k)*h,(c+k+1)*h)
def dbl_rho(N,c,n):
    # per-piece rho in double, same formulas as check1
    import check1 as C
    from scipy.special import betainc
    a,b=2.0*c,2.0*(N-c); mu=c/N; h=1.0/(N+n); p=C.pmf_bb(n,a,b)
    F=np.cumsum(p); S=np.cumsum(p[::-1])[::-1]; Sgt=np.append(S[1:],0.0)
    k=np.arange(n); t=tstar(N,c,n); yk=(c+k)*h; yk1=(c+k+1)*h; Fk=F[:n]; Sk=Sgt[:n]
    G=np.cumsum(Sgt[::-1])[::-1]; EYup=h*G[1:n+1]+Sk*(yk1-t)
    H=np.concatenate([[0.0],np.cumsum(F)]); EYlo=Fk*(t-yk)+h*H[:n]
    EXup=mu*betainc(b,a+1,1-t)-t*betainc(b,a,1-t); EXlo=t*betainc(a,b,t)-mu*betainc(a+1,b,t)
    up=t>=mu; return np.where(up,(EXup-EYup)/EXup,(EXlo-EYlo)/EXlo)
if __name__=="__main__":
    cases=[tuple(map(int,s.split(','))) for s in sys.argv[1:]]
    for (N,c,n) in cases:
        r=mp_rho(N,c,n,tstar(N,c,n)); rd=dbl_rho(N,c,n)
        rm=np.array([float(x) for x in r])
        print(N,c,n,'mp min rho %.6e'%rm.min(),'at k',int(rm.argmin()),'max|rho_dbl-rho_mp| %.2e'%np.abs(rd-rm).max(),flush=True)
