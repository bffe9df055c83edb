# Independent implementation of docs/finance.md conventions, for the reference values in test/core/finance/project.test.ts.
def crf(r, n): return 1/n if r == 0 else r*(1+r)**n/((1+r)**n-1)
def project(E1, capex, N, tariff, r, k=1, d=0.0, mode='compounding', opex=0.0, esc=0.0, tax=0.0, dep=None, hol=0, debt=0.0, dr=0.0, ten=None, infl=0.0):
    dep = dep or N; ten = ten or N
    years = list(range(-(k-1), N+1))
    ccn = sum(capex/k*(1+infl)**t for t in years if t <= 0)
    D = debt*ccn; A = D*crf(dr, ten) if D > 0 else 0; bal = D
    rows = []
    for t in years:
        f = (1+infl)**t
        if t <= 0:
            rows.append(dict(t=t, capex=capex/k*f, rcost=capex/k, opex=0, rev=0, E=0, tax=0, ds=0, net=-capex/k*f, eq=-capex/k*f*(1-debt))); continue
        E = E1*(1-d*(t-1)) if mode == 'linear' else E1*(1-d)**(t-1)
        ro = opex*(1+esc)**(t-1); rev = E*1000*tariff*f; o = ro*f
        it = 0; ds = 0
        if t <= ten and bal > 0:
            it = bal*dr; ds = A; bal -= A - it
        dp = ccn/dep if t <= dep else 0
        tx = tax*max(0, rev-o-dp-it) if t > hol else 0
        rows.append(dict(t=t, capex=0, rcost=ro, opex=o, rev=rev, E=E, tax=tx, ds=ds, net=rev-o-tx, eq=rev-o-tx-ds))
    R = (1+r)*(1+infl)-1
    lcoe = sum(x['rcost']*(1+r)**-x['t'] for x in rows)/sum(x['E']*(1+r)**-x['t'] for x in rows)/1000
    npv = sum(x['net']*(1+R)**-x['t'] for x in rows)
    def irr(key):
        f = lambda q: sum(x[key]*(1+q)**-x['t'] for x in rows)
        lo, hi = -0.5, 1.0
        for _ in range(200):
            m = (lo+hi)/2
            if (f(m) > 0) == (f(lo) > 0): lo = m
            else: hi = m
        return ((lo+hi)/2 + 1)/(1+infl) - 1
    def payback(vals):
        cum = sum(v for x, v in zip(rows, vals) if x['t'] <= 0)
        for x, v in zip(rows, vals):
            if x['t'] <= 0: continue
            if cum + v >= 0: return x['t']-1 + (-cum)/v
            cum += v
    pb = payback([x['net'] for x in rows]); dpb = payback([x['net']*(1+R)**-x['t'] for x in rows])
    return dict(lcoe=lcoe, npv=npv, irr=irr('net'), eqirr=irr('eq'), pb=pb, dpb=dpb, y1tax=rows[k]['tax'], y1ds=rows[k]['ds'])
import json
cases = {
 'A: quick form, no tax/debt': dict(E1=113500, capex=3.3e8, N=25, tariff=0.3949, r=0.06, d=0.005, opex=4.5e6, esc=0.02),
 'B: tax and debt': dict(E1=113500, capex=3.3e8, N=25, tariff=0.3949, r=0.06, d=0.005, opex=4.5e6, esc=0.02, tax=0.25, dep=20, debt=0.7, dr=0.045, ten=15),
 'C: 3-year build, linear, holiday, inflation': dict(E1=50000, capex=2e8, N=20, tariff=0.45, r=0.05, k=3, d=0.007, mode='linear', opex=3e6, esc=0.01, tax=0.25, dep=15, hol=3, debt=0.6, dr=0.05, ten=12, infl=0.02),
}
for name, c in cases.items(): print(name, json.dumps(project(**c)))
