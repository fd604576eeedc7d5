# One-step lemma check: Y=(c+B)/(N+n), B~BetaBin(n,2c,2(N-c))  vs X~Beta(2c,2(N-c)).
# D(t)=E(X-t)_+ - E(Y-t)_+ = E(t-X)_+ - E(t-Y)_+ (equal means). On piece [y_k,y_{k+1}], D convex,
# D'(t)=P(Y>y_k)-P(X>t); minimiser t*=F_X^{-1}(P(B<=k)) clipped to the piece.
import numpy as np, sys
from scipy.special import betaln, betainc, betaincinv, gammaln
def pmf_bb(n,a,b):
    k=np.arange(n+1)
    lp=gammaln(n+1)-gammaln(k+1)-gammaln(n-k+1)+betaln(k+a,n-k+b)-betaln(a,b)
    return np.exp(lp)
def EabsQ(a,b):
    return 2*np.exp(a*np.log(a)+b*np.log(b)-betaln(a,b)-(a+b+1)*np.log(a+b))
def check(N,c,n):
    a,b=2.0*c,2.0*(N-c); mu=c/N; h=1.0/(N+n)
    p=pmf_bb(n,a,b)
    F=np.cumsum(p)            # F[k]=P(B<=k)
    S=np.cumsum(p[::-1])[::-1]  # S[k]=P(B>=k)
    Sgt=np.append(S[1:],0.0)  # P(B>k)
    k=np.arange(n)            # pieces k=0..n-1
    yk=(c+k)*h; yk1=(c+k+1)*h
    Fk=F[:n]; Sk=Sgt[:n]
    # quantile with tail-accurate branch
    ts=np.where(Fk<=0.5, betaincinv(a,b,Fk), 1.0-betaincinv(b,a,np.maximum(Sk,1e-300)))
    t=np.clip(ts,yk,yk1)
    # Y parts, accurate sums of positive terms
    # upper: E(Y-t)_+ = h*sum_{m>=k+1} P(B>m) + P(B>k)*(y_{k+1}-t)
    G=np.cumsum(Sgt[::-1])[::-1]   # G[m]=sum_{j>=m} P(B>j)
    Gk1=G[1:n+1]
    EYup=h*Gk1+Sk*(yk1-t)
    # lower: E(t-Y)_+ = F_k (t-y_k) + h*sum_{m<k} F_m
    H=np.concatenate([[0.0],np.cumsum(F)])  # H[k]=sum_{m<k}F_m
    EYlo=Fk*(t-yk)+h*H[:n]
    # X parts: E(X-t)_+ = mu*S_{a+1}(t)-t*S_a(t); E(t-X)_+ = t*I_t(a,b)-mu*I_t(a+1,b)
    EXup=mu*betainc(b,a+1,1-t)-t*betainc(b,a,1-t)
    EXlo=t*betainc(a,b,t)-mu*betainc(a+1,b,t)
    up=t>=mu
    D=np.where(up,EXup-EYup,EXlo-EYlo)
    scale=np.where(up,EXup,EXlo)   # E(X-t)_+ on the side where it is the smaller
    rho=D/scale
    EA=EabsQ(a,b)
    i=np.argmin(rho); j=np.argmin(D/EA)
    # margin at t=mu (the function |x-mu|)
    EY_abs=np.sum(p*np.abs((c+np.arange(n+1))*h-mu))
    return dict(N=N,c=c,n=n,rho_min=rho[i],t_rho=t[i],k_rho=int(k[i]),Dmin_rel=D[j]/EA,t_D=t[j],
                absratio=EY_abs/EA, Dmin_abs=D.min())
if __name__=="__main__":
    print(check(int(sys.argv[1]),int(sys.argv[2]),int(sys.argv[3])))
