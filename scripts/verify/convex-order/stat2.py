# Part 2: stationary law pi_n of K_n on lattice y_k=(c+k)/(N+n); compare E|x-mu| with E_Q|X-mu|.
import numpy as np, sys
from scipy.stats import binom
from scipy.special import betaln
def EabsQ(a,b):
    return 2*np.exp(a*np.log(a)+b*np.log(b)-betaln(a,b)-(a+b+1)*np.log(a+b))
def Pmat(N,c,n):
    y=(c+np.arange(n+1))/(N+n)
    return y, binom.pmf(np.arange(n+1)[None,:],n,y[:,None])
def stationary(N,c,n):
    y,P=Pmat(N,c,n)
    A=P.T-np.eye(n+1); A[-1,:]=1.0
    rhs=np.zeros(n+1); rhs[-1]=1.0
    pi=np.linalg.solve(A,rhs)
    res=np.abs(pi@P-pi).max()
    return y,pi,res
def generations(N,c,n,mmax=100000,tol=1e-15):
    # law of x_m starting from x_1=c/N : x_2 = (c+Bin(n,c/N))/(N+n), etc.
    y,P=Pmat(N,c,n); mu=c/N; EQ=EabsQ(2*c,2*(N-c))
    v=binom.pmf(np.arange(n+1),n,mu); worst=0.0
    for m in range(2,mmax):
        e=v@np.abs(y-mu); worst=max(worst,e/EQ)
        v2=v@P
        if np.abs(v2-v).sum()<tol: break
        v=v2
    return worst,m
if __name__=="__main__":
    mode=sys.argv[1]
    if mode=='stat':
        Ns=range(2,41); ns=list(range(1,31))+[40,50,70,100,150,200,300,500,700,1000]
        for N in Ns:
            for c in range(1,N//2+1):
                mu=c/N; EQ=EabsQ(2*c,2*(N-c))
                for n in ns:
                    y,pi,res=stationary(N,c,n)
                    r=(pi@np.abs(y-mu))/EQ
                    print(N,c,n,'%.12f'%r,'%.1e'%res,'%.1e'%pi.min(),flush=True)
    elif mode=='big':
        for N in [2,3,4,5,8,10,15,20,30,40]:
            for c in sorted(set([1,max(1,N//4),N//2])):
                mu=c/N; EQ=EabsQ(2*c,2*(N-c))
                for n in [1500,2000]:
                    y,pi,res=stationary(N,c,n)
                    r=(pi@np.abs(y-mu))/EQ
                    print(N,c,n,'%.12f'%r,'%.1e'%res,'%.1e'%pi.min(),flush=True)
    else:
        for N in range(2,21):
            for c in range(1,N//2+1):
                for n in [1,2,3,5,8,13,20,35,50,100,200]:
                    w,m=generations(N,c,n)
                    print(N,c,n,'%.12f'%w,m,flush=True)
